namespace WebmailLite.Recovery.Enrolment;

public enum QuestionIssue { ChoiceMissing, OwnMissing, OwnTooShort, OwnTooLong, SameQuestion, AnswerMissing, AnswerTooShort, AnswerTooLong, AnswerInQuestion }
