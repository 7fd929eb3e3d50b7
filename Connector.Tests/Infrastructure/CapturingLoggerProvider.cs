using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Infrastructure;

/// <summary>Captures every formatted log line (with exception text) so tests can search it, e.g. for secrets.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Entries => [.. _entries];

    public string AllText => string.Join("\n", _entries.Select(e => e.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                text += " | " + string.Join(", ", properties.Select(p => $"{p.Key}={p.Value}"));
            }
            if (exception is not null)
            {
                text += " | " + exception;
            }
            entries.Enqueue((logLevel, category, text));
        }
    }
}
