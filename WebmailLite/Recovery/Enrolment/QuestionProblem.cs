namespace WebmailLite.Recovery.Enrolment;

/// <param name="Index">0 for « Question 1 », 1 for « Question 2 ».</param>
public sealed record QuestionProblem(int Index, QuestionField Field, QuestionIssue Issue);
