namespace WebmailLite.Recovery.Enrolment;

/// <summary>What the person chose for one question: a number of the suggested list or <see cref="PersonalQuestionsService.OwnQuestion"/>.</summary>
public sealed record QuestionInput(string? Choice, string? OwnText, string? Answer);
