namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// Two in-process instances of one deployment on one fresh PostgreSQL schema, as behind a load balancer: what one
/// stores, the other must find. Disposing ends both and drops the schema.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    public TwoInstances(Func<TestSchema, WebmailFactory> start)
    {
        Schema = PostgresServer.Instance.NewSchema();
        First = start(Schema);
        Second = start(Schema);
    }

    public TestSchema Schema { get; }

    public WebmailFactory First { get; }

    public WebmailFactory Second { get; }

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
        Schema.Dispose();
    }
}
