namespace WebmailLite.Recovery.Enrolment;

public enum QuestionField { Choice, Own, Answer }
