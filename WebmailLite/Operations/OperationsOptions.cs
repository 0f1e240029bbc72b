using System.Net;

namespace WebmailLite.Operations;

/// <summary>The endpoints for the operators (« Operations » in the configuration).</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// Who may read the metrics (<see cref="OperationsEndpoints.Metrics"/>): addresses or networks in CIDR form
    /// (« 10.0.0.0/8 », « 192.0.2.7/32 »). Empty (the default): loopback only — the metrics say how busy the service is,
    /// which is nobody else's business. Starts empty rather than with loopback listed, because the configuration binder
    /// adds to a list: the operator's list must be the whole list.
    /// </summary>
    public List<string> MetricsAllowedFrom { get; set; } = [];

    internal bool MayReadMetrics(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return MetricsAllowedFrom.Count == 0
            ? IPAddress.IsLoopback(candidate)
            : MetricsAllowedFrom.Any(entry => IPNetwork.TryParse(entry, out var network) && network.Contains(candidate));
    }
}
