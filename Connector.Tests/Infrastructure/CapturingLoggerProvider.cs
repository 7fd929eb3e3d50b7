using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// Captures every formatted log line (with its properties, the scopes open when it was written, and exception text)
/// so tests can search it, e.g. for secrets. Scopes follow the properties after <see cref="ScopeMarker"/>.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    public const string ScopeMarker = " || scope: ";

    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Entries => [.. _entries];

    public string AllText => string.Join("\n", _entries.Select(e => e.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                text += " | " + string.Join(", ", properties.Select(p => $"{p.Key}={p.Value}"));
            }
            var scopes = new List<string>();
            provider._scopes?.ForEachScope((scope, list) =>
            {
                list.Add(scope is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
                    : scope?.ToString() ?? "");
            }, scopes);
            if (scopes.Count > 0)
            {
                text += ScopeMarker + string.Join("; ", scopes);
            }
            if (exception is not null)
            {
                text += " | " + exception;
            }
            provider._entries.Enqueue((logLevel, category, text));
        }
    }
}
