using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>JSON as the API speaks it: camelCase, enums as strings, unknown and duplicate request fields rejected.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Requests { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,

        // JsonBody finds duplicates first and names the field; this is the backstop for other readers.
        AllowDuplicateProperties = false,
    };

    /// <summary>Applies the response conventions to the hosts' JSON options (minimal APIs and Functions alike).</summary>
    public static void ConfigureResponses(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter());
    }
}
