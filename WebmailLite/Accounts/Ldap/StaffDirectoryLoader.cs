using System.Diagnostics;
using System.DirectoryServices.Protocols;

namespace WebmailLite.Accounts.Ldap;

/// <summary>
/// Reads the staff directory in full at start and every <c>Accounts:Ldap:StaffRefresh</c>, by pages of
/// <see cref="PageSize"/> (servers cap one answer, OpenLDAP at 500 by default). A failed read keeps the previous one
/// and is tried again a minute later: suggestions from contacts work meanwhile.
/// </summary>
public sealed class StaffDirectoryLoader(LdapConnector connector, StaffDirectory staff, TimeProvider time, ILogger<StaffDirectoryLoader> logger) : BackgroundService
{
    public const int PageSize = 500;
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = connector.Options.StaffRefresh;
            try
            {
                await Task.Run(Load, stoppingToken);
            }
            catch (DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.SizeLimitExceeded or ResultCode.AdminLimitExceeded)
            {
                // A configuration matter for the directory's administrator, not a passing failure: say what to change.
                logger.LogError("The directory stopped the staff directory's paged read at its size limit: give the app's account "
                    + "(Accounts:Ldap:BindDn) an unlimited total for paged searches (OpenLDAP: olcLimits size.prtotal=unlimited; "
                    + "Active Directory: MaxPageSize is per page and needs nothing). Suggestions keep the previous read");
                next = RetryAfterFailure;
            }
            catch (Exception e) when (e is LdapException or DirectoryOperationException or TimeoutException)
            {
                logger.LogWarning("The staff directory could not be read ({Error}); suggestions keep the previous read", e.Message);
                next = RetryAfterFailure;
            }
            try
            {
                await Task.Delay(next, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One full read, replacing the directory searched.</summary>
    public void Load()
    {
        var options = connector.Options;
        var watch = Stopwatch.StartNew();
        var attributes = new[]
        {
            options.IdentifierAttribute, options.AccountAddressAttribute, options.DisplayNameAttribute,
            options.SchoolAttribute, options.ContactAddressAttribute, options.StateAttribute,
        }.OfType<string>().Where(a => a.Length > 0).Distinct().ToArray();
        var members = new List<StaffMember>();
        var contacts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var connection = connector.OpenAsApp();
        var paging = new PageResultRequestControl(PageSize);
        var request = new SearchRequest(options.BaseDn, options.StaffFilter, SearchScope.Subtree, attributes);
        request.Controls.Add(paging);
        while (true)
        {
            var response = (SearchResponse)connection.SendRequest(request, options.Timeout);
            foreach (SearchResultEntry entry in response.Entries)
            {
                if (options.StateOf(LdapConnector.Value(entry, options.StateAttribute)) != AccountState.Active)
                {
                    continue;
                }
                var identifier = LdapConnector.Value(entry, options.IdentifierAttribute);
                if (LdapConnector.Value(entry, options.AccountAddressAttribute) is { } address)
                {
                    var name = LdapConnector.Value(entry, options.DisplayNameAttribute) ?? identifier ?? address;
                    members.Add(new StaffMember(name, address, LdapConnector.Value(entry, options.SchoolAttribute)));
                }
                if (identifier is not null && LdapConnector.Value(entry, options.ContactAddressAttribute) is { } contact)
                {
                    contacts[identifier] = contact;
                }
            }
            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is not { Length: > 0 })
            {
                break;
            }
            paging.Cookie = cookie;
        }
        staff.Replace(members, contacts);
        logger.LogInformation("Staff directory read: {Count} people in {Milliseconds} ms", members.Count, watch.ElapsedMilliseconds);
    }
}
