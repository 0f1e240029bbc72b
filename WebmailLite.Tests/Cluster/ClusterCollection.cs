namespace WebmailLite.Tests.Cluster;

/// <summary>
/// The cluster tests take turns: each cluster is two app processes and a balancer, and two at once would load the
/// 2-core machine enough to slow the timing-sensitive lanes (the screen reader) beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "Clusters";
}
