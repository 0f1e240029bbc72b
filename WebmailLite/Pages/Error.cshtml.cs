using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Mail;

namespace WebmailLite.Pages;

/// <summary>Errors in plain words: a mail service that does not answer is not the person's fault, nor a crash.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public bool MailUnavailable { get; private set; }

    public bool IsNotFound { get; private set; }

    /// <summary>The page that failed: the exception handler keeps the original query string on the request.</summary>
    public string RetryUrl { get; private set; } = "/";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var feature = HttpContext.Features.Get<IExceptionHandlerFeature>();
        var error = feature?.Error;
        if (feature is not null && HttpMethods.IsGet(Request.Method))
        {
            RetryUrl = feature.Path + Request.QueryString;
        }
        // The académie's directory not answering is, for the person, the same service unavailable.
        MailUnavailable = error is MailUnavailableException or Accounts.DirectoryUnavailableException;
        IsNotFound = code == StatusCodes.Status404NotFound;
        Response.StatusCode = MailUnavailable ? StatusCodes.Status503ServiceUnavailable
            : code is >= 400 and < 600 ? code.Value
            : StatusCodes.Status500InternalServerError;
    }
}
