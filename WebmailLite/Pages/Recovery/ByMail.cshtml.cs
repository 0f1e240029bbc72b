using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Guide;
using WebmailLite.Infrastructure;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Recovery;

/// <summary>Method 1: a code sent to the contact address the administration holds.</summary>
public sealed class ByMailModel(
    RecoveryJourney journey,
    RecoveryService recovery,
    UiFormat format,
    IOptions<RecoveryOptions> options,
    IStringLocalizer<RecoveryText> text) : RecoveryPageModel(journey)
{
    public string MailLifetime => format.Duration(options.Value.MailCodeLifetime);

    public IActionResult OnGet() => LoadState() ? Page() : Restart();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!LoadState())
        {
            return Restart();
        }
        var address = HttpContext.Connection.RemoteIpAddress;
        var wait = recovery.WaitBefore(RecoveryStep.CodeRequest, Identifier, address);
        if (wait > TimeSpan.Zero)
        {
            Errors.Add(null, text["Err_TooManyRequests", format.Duration(wait)], GuideLinks.CodeNotReceived);
            return Page();
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var masked = await recovery.SendContactCodeAsync(Identifier, address, cancellationToken);
        await ResponseFloor.PadAsync(started, options.Value.MinimumResponseTime);
        Save(State! with { Method = RecoveryMethod.ContactMail, MaskedAddress = masked, Grant = null });
        return RedirectToPage("/Recovery/Code", new { envoi = "courriel" });
    }
}
