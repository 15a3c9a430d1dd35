using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Agreements;

/// <summary>Whether the household moves out of or into a vulnerable housing area.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MoveDirection>))]
public enum MoveDirection
{
    Out,
    In,
}
