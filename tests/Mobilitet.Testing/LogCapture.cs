using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mobilitet.Testing;

/// <summary>One log entry as written (message rendered, exception included).</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>When it was written (UTC), to read it beside other timed lines.</summary>
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The message and the exception's text, for "this never appears in logs" checks.</summary>
    public string FullText => Exception is null ? Message : $"{Message}\n{Exception}";
}

/// <summary>A logger provider that keeps every entry, so tests can check what is (not) logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception));
        }
    }
}
