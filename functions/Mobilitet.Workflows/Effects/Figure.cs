using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Effects;

/// <summary>
/// One published number of the effect dashboard: a value, "no data" (nothing to compute it from), or
/// suppressed — fewer than <see cref="Suppression.Threshold"/> agreements behind it, or hidden so that such a
/// number cannot be worked out from the others (<see cref="Suppression"/>). In JSON: a number, null, or the
/// string "&lt;5".
/// </summary>
[JsonConverter(typeof(FigureJsonConverter))]
public readonly record struct Figure
{
    /// <summary>What a suppressed figure shows, in JSON, CSV and on the page.</summary>
    public const string SuppressedText = "<5";

    private Figure(decimal? value, bool suppressed)
    {
        Value = value;
        IsSuppressed = suppressed;
    }

    /// <summary>The number; null when suppressed or when there is nothing to compute it from.</summary>
    public decimal? Value { get; }

    public bool IsSuppressed { get; }

    public static Figure Suppressed { get; } = new(null, true);

    public static Figure NoData { get; } = new(null, false);

    public static Figure Of(decimal value) => new(value, false);

    /// <summary><paramref name="value"/> when <paramref name="shown"/>, else <see cref="Suppressed"/>.</summary>
    public static Figure ShownIf(bool shown, decimal? value) => !shown ? Suppressed : value is { } number ? Of(number) : NoData;
}

internal sealed class FigureJsonConverter : JsonConverter<Figure>
{
    public override Figure Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => Figure.NoData,
        JsonTokenType.Number => Figure.Of(reader.GetDecimal()),
        JsonTokenType.String when reader.GetString() == Figure.SuppressedText => Figure.Suppressed,
        _ => throw new JsonException($"A figure is a number, null or \"{Figure.SuppressedText}\"."),
    };

    public override void Write(Utf8JsonWriter writer, Figure value, JsonSerializerOptions options)
    {
        if (value.IsSuppressed)
        {
            writer.WriteStringValue(Figure.SuppressedText);
        }
        else if (value.Value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
