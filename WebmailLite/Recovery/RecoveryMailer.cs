using System.Globalization;
using System.Threading.Channels;
using MimeKit;
using WebmailLite.Accounts;

namespace WebmailLite.Recovery;

/// <summary>
/// Composes the mails of recovery and enrolment and sends them in the background. Sending off the request path
/// keeps the answer's timing the same whether or not a mail leaves (no account enumeration by stopwatch), and a
/// slow mail server never holds a worried person's page. A mail that cannot be sent is logged — never its text,
/// which may hold a code — and the person asks again.
/// </summary>
public sealed class RecoveryMailer(ISystemMail systemMail, ILogger<RecoveryMailer> logger) : BackgroundService
{
    private static readonly CultureInfo French = new("fr-FR");
    private static readonly CultureInfo English = new("en-GB");

    private readonly Channel<MimeMessage> _queue = Channel.CreateBounded<MimeMessage>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private int _pending;

    /// <summary>Mails queued and not yet handed to the mail server (tests wait for zero).</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Queues a mail whose subject and body are the resources <c>{name}_Subject</c> and <c>{name}_Body</c>,
    /// formatted with <paramref name="args"/>.
    /// </summary>
    public void Send(string to, string name, params object[] args)
    {
        if (!MailboxAddress.TryParse(to, out var recipient))
        {
            // A malformed address in the contacts file: the page must read the same as for anyone, so no exception.
            logger.LogWarning("A recovery mail was not sent: the recipient address is malformed");
            return;
        }
        var message = new MimeMessage();
        message.To.Add(recipient);
        message.Subject = Text(French, name + "_Subject", args);
        message.Body = new TextPart("plain")
        {
            Text = Text(French, name + "_Body", args)
                + "\n\n-- \n" + Text(French, "Footer", [])
                + "\n\n----- English -----\n\n"
                + Text(English, name + "_Body", args)
                + "\n\n-- \n" + Text(English, "Footer", []),
        };
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(message))
        {
            // A thousand mails waiting means the mail server is down or the app is being flooded: this one is
            // refused (never an older, maybe legitimate one silently evicted) and the person will ask again.
            Interlocked.Decrement(ref _pending);
            logger.LogWarning("A recovery mail was not queued: {Count} mails are already waiting", 1000);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await systemMail.SendAsync(message, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("A recovery mail could not be sent: {Error}", ex.GetType().Name);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private static string Text(CultureInfo culture, string name, object[] args)
    {
        var format = RecoveryMail.Texts.GetString(name, culture)
            ?? throw new InvalidOperationException($"Missing recovery mail text {name}.");
        var localized = args.Select(arg => arg is MailText text ? Text(culture, text.Name, []) : arg).ToArray();
        return string.Format(culture, format, localized);
    }
}

/// <summary>An argument of a recovery mail that is itself a text of <c>RecoveryMail.resx</c>, in each mail's language.</summary>
public sealed record MailText(string Name);
