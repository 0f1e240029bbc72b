using Microsoft.Extensions.Localization;

namespace WebmailLite.Mail.Outbox;

/// <summary>Why a message waits, in plain words.</summary>
public static class OutboxText
{
    public static string Reason(IStringLocalizer<ComposeText> text, SendProblem? problem) => problem switch
    {
        SendProblem.Unreachable => text["Reason_Unreachable"],
        SendProblem.TimedOut => text["Reason_TimedOut"],
        SendProblem.TemporarilyRefused => text["Reason_TemporarilyRefused"],
        SendProblem.AuthenticationRefused => text["Reason_AuthenticationRefused"],
        SendProblem.ServerError => text["Reason_ServerError"],
        SendProblem.Refused => text["Reason_Refused"],
        _ => text["Reason_Pending"],
    };
}
