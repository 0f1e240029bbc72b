using WebmailLite.Mail;

namespace WebmailLite.Practice;

/// <summary>Signs in to the embedded practice mailbox (« Mode entraînement »): no server to reach, so never <see cref="SignInStatus.Unavailable"/>.</summary>
public sealed class PracticeMailService(PracticeStore store) : IMailService
{
    public bool IsPractice => true;

    public Task<SignInOutcome> SignInAsync(string identifier, string password, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // One answer for an unknown identifier and for a wrong password, and VerifyPassword spends the same
        // PBKDF2 work on both, so neither the status nor the timing tells which accounts exist.
        if (!store.VerifyPassword(identifier, password))
        {
            return Task.FromResult(SignInOutcome.BadCredentials);
        }
        return Task.FromResult(SignInOutcome.Success(new PracticeMailbox(store, identifier)));
    }
}
