using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Recovery;

/// <summary>The steps after the first one need the journey (the identifier); without it they go back to the start.</summary>
public abstract class RecoveryPageModel(RecoveryJourney journey) : PageModel, IFormWithErrors
{
    public FormErrors Errors { get; } = new();

    protected RecoveryJourney Journey { get; } = journey;

    public JourneyState? State { get; private set; }

    public string Identifier => State?.Identifier ?? "";

    /// <summary>Reads the journey; <c>false</c> when there is none (expired, another browser, cookies off).</summary>
    protected bool LoadState()
    {
        State = Journey.Read(HttpContext);
        return State is not null;
    }

    protected void Save(JourneyState state)
    {
        State = state;
        Journey.Write(HttpContext, state);
    }

    protected IActionResult Restart() => RedirectToPage("/Recovery/Index", new { reprise = 1 });
}
