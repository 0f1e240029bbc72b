using Microsoft.AspNetCore.Mvc;

namespace WebmailLite.Pages.Recovery;

public sealed class AssistanceSentModel(RecoveryJourney journey) : RecoveryPageModel(journey)
{
    public IActionResult OnGet() => LoadState() ? Page() : Restart();
}
