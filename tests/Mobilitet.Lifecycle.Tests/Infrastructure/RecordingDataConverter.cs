using Mobilitet.Testing.Api;
using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// The engine's JSON converter, keeping a copy of everything it serialises: orchestration inputs
/// and outputs, activity inputs and results, external events and custom status — all that our
/// code hands to the engine. Tests search it for personal data.
/// </summary>
public sealed class RecordingDataConverter : DataConverter
{
    private readonly ConcurrentQueue<string> payloads = new();

    public IReadOnlyCollection<string> Payloads => payloads.ToArray();

    public override string? Serialize(object? value)
    {
        var json = JsonDataConverter.Default.Serialize(value);
        if (json is not null)
        {
            payloads.Enqueue(json);
        }

        return json;
    }

    public override object? Deserialize(string? data, Type targetType) => JsonDataConverter.Default.Deserialize(data, targetType);
}
