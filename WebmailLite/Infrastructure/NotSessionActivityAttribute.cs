namespace WebmailLite.Infrastructure;

/// <summary>
/// Requests to this endpoint are not the person's activity: they do not restart the session's idle clock. The page
/// that answers « how much time is left? » must not keep alive the very session it reports on, or a page left open on
/// a shared computer would never sign out.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotSessionActivityAttribute : Attribute;
