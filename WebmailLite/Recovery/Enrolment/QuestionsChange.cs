namespace WebmailLite.Recovery.Enrolment;

/// <summary>Saved when there is no problem and the current password was right.</summary>
public sealed record QuestionsChange(IReadOnlyList<QuestionProblem> Problems, CurrentPasswordCheck Current)
{
    public bool Saved => Problems.Count == 0 && Current.Status == CurrentPasswordStatus.Right;
}
