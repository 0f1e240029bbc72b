using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WebmailLite.Infrastructure;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Recovery;

public sealed class AssistanceSentModel(RecoveryJourney journey, UiFormat format, IOptions<RecoveryOptions> options) : RecoveryPageModel(journey)
{
    public string AgentLifetime => format.Duration(options.Value.AgentCodeLifetime);

    public IActionResult OnGet() => LoadState() ? Page() : Restart();
}
