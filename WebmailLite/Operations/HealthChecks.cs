using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Operations;

/// <summary>
/// The store answers a read: the LiteDB file (locked or corrupted, it would not), or with
/// <c>Storage:Provider=PostgreSQL</c> the database every instance shares (down, unreachable, refusing the account).
/// </summary>
public sealed class StoreHealthCheck(IOptions<StorageOptions> options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (options.Value.Provider == StorageProvider.PostgreSQL)
            {
                await using var connection = await services.GetRequiredService<Storage.Postgres.PostgresDatabase>().DataSource.OpenConnectionAsync(cancellationToken);
                await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
                await command.ExecuteScalarAsync(cancellationToken);
            }
            else
            {
                _ = services.GetRequiredService<AppDatabase>().Database.GetCollectionNames().Count();
            }
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The store cannot be read.", e);
        }
    }
}

/// <summary>
/// The IMAP server accepts a connection and greets (« * OK »), within <see cref="MailOptions.Timeout"/>; no sign-in, so
/// no account and no password are involved. With the practice mailbox there is no server to reach.
/// </summary>
public sealed class ImapHealthCheck(IOptions<MailOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var mail = options.Value;
        if (mail.UsePractice)
        {
            return HealthCheckResult.Healthy("Practice mailbox: no IMAP server.");
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(mail.Timeout);
        try
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(mail.Imap.Host!, mail.Imap.Port, bound.Token);
            if (mail.Imap.Security == TransportSecurity.SslOnConnect)
            {
                // The greeting comes inside TLS; a TCP connection accepted is what a load balancer's probe checks too.
                return HealthCheckResult.Healthy();
            }

            var buffer = new byte[64];
            var read = await socket.GetStream().ReadAsync(buffer, bound.Token);
            return read >= 4 && buffer.AsSpan(0, 4).SequenceEqual("* OK"u8)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The IMAP server did not greet.");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The IMAP server cannot be reached.", e);
        }
    }
}
