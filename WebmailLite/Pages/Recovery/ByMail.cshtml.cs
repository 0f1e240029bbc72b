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
        var outcome = await recovery.SendContactCodeAsync(Identifier, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (outcome.Wait > TimeSpan.Zero)
        {
            Errors.Add(null, text["Err_TooManyRequests", format.Duration(outcome.Wait)], GuideLinks.CodeNotReceived);
            return Page();
        }
        Save(State! with { Method = RecoveryMethod.ContactMail, MaskedAddress = outcome.MaskedAddress, Grant = null });
        return RedirectToPage("/Recovery/Code", new { envoi = "courriel" });
    }
}
