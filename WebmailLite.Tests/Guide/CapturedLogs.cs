using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebmailLite.Tests.Guide;

/// <summary>Every log message the app writes, at every level, with its exception and scope-free state.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            logs.Messages.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Messages.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {state} {exception}");
    }
}
