using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Infrastructure;

public static class MailErrorHandling
{
    /// <summary>
    /// The server stopped accepting the session's password (changed elsewhere, account closed): end the session
    /// and send the person to sign in again with the « session expirée » notice, rather than an error page.
    /// </summary>
    public static IApplicationBuilder UseRejectedCredentialsSignOut(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (MailCredentialsRejectedException) when (!context.Response.HasStarted)
        {
            if (SessionCookie.Current(context) is { } session)
            {
                await context.RequestServices.GetRequiredService<MailSessionManager>().EndAsync(session.Id);
            }
            SessionCookie.Delete(context);
            context.Response.Clear();
            context.Response.Redirect("/?session=expiree");
        }
    });
}
