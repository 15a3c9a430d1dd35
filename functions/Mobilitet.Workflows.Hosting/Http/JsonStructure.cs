using System.Text.Json;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// One pass over a JSON body before it is bound, for what binding would hide: a field given twice
/// (also in another letter case, which binds to the same property, or escaped), where the last one
/// would silently win, and text that is not valid Unicode. Both are named by their JSON path.
/// </summary>
internal static class JsonStructure
{
    /// <returns>The first problem as (field, Danish message), or null if there is none or the JSON is malformed (binding reports that).</returns>
    public static (string Field, string Message)? FindProblem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        var open = new Stack<Container>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        open.Push(new Container(ValuePath(open), reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var owner = open.Peek();
                        if (!TryGetString(ref reader, out var name))
                        {
                            return (Field(owner.Path), Messages.InvalidCharacters);
                        }

                        // Binding matches names case-insensitively (the Web defaults): so does this check.
                        if (!owner.Names.TryAdd(name, name))
                        {
                            return (Field(Join(owner.Path, owner.Names[name])), Messages.DuplicateField);
                        }

                        owner.Property = name;
                        break;
                    case JsonTokenType.String:
                        var path = ValuePath(open);
                        if (!TryGetString(ref reader, out _))
                        {
                            return (Field(path), Messages.InvalidCharacters);
                        }

                        break;
                    default:
                        ValuePath(open);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    // A lone surrogate (escaped) or invalid UTF-8 cannot become a .NET string.
    private static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }

    /// <summary>The path of the value that starts now; in an array it also moves to the next index.</summary>
    private static string ValuePath(Stack<Container> open)
    {
        if (!open.TryPeek(out var container))
        {
            return string.Empty;
        }

        if (container.IsObject)
        {
            return Join(container.Path, container.Property ?? string.Empty);
        }

        container.Index++;
        return $"{container.Path}[{container.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Field(string path) => path.Length == 0 ? "body" : path;

    private sealed class Container(string path, bool isObject)
    {
        public string Path { get; } = path;

        public bool IsObject { get; } = isObject;

        /// <summary>Names seen so far in this object, each with its first spelling (the one errors name).</summary>
        public Dictionary<string, string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? Property { get; set; }

        public int Index { get; set; } = -1;
    }
}
