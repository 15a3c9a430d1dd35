using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mobilitet.Infra.Tests.Support;

/// <summary>
/// Read access to a compiled ARM template: Bicep modules become nested deployments whose inline
/// templates list resources either as an array or (languageVersion 2.0) as an object keyed by
/// symbolic name. `existing` references are skipped: they are not deployed.
/// </summary>
internal sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    public IEnumerable<JsonObject> Resources
    {
        get
        {
            var resources = Root["resources"] switch
            {
                JsonArray array => array.Select(r => r!.AsObject()),
                JsonObject keyed => keyed.Select(p => p.Value!.AsObject()),
                _ => [],
            };
            return resources.Where(r => r["existing"]?.GetValue<bool>() != true);
        }
    }

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) => Assert.Single(ResourcesOfType(type));

    /// <summary>The module deployment named <paramref name="name"/> (the Bicep module's `name:`).</summary>
    public JsonObject Deployment(string name) =>
        Assert.Single(ResourcesOfType("Microsoft.Resources/deployments"), d => (string?)d["name"] == name);

    /// <summary>The inline template of the module deployment named <paramref name="name"/>.</summary>
    public ArmTemplate Module(string name) =>
        new(Deployment(name)["properties"]!["template"]!.AsObject());

    /// <summary>This template and every nested module template, depth first.</summary>
    public IEnumerable<ArmTemplate> SelfAndModules()
    {
        yield return this;
        foreach (var deployment in ResourcesOfType("Microsoft.Resources/deployments"))
        {
            if (deployment["properties"]?["template"] is JsonObject nested)
            {
                foreach (var template in new ArmTemplate(nested).SelfAndModules())
                {
                    yield return template;
                }
            }
        }
    }

    /// <summary>The value (usually an expression) passed to a module parameter.</summary>
    public string ModuleParameter(string module, string parameter) =>
        Text(Deployment(module)["properties"]!["parameters"]![parameter]!["value"]!);

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A string value as is; anything else as JSON without \u0027-style escaping.</summary>
    public static string Text(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString(Unescaped);
}

/// <summary>Minimal reading of ARM template expressions (the strings in "[...]").</summary>
internal static class ArmExpression
{
    /// <summary>
    /// In an expression such as <c>createObject('A', 'x', 'B', format('{0}', parameters('p')))</c>,
    /// the argument text that follows the quoted key <paramref name="key"/>; null if the key is absent.
    /// </summary>
    public static string? ArgumentAfter(string expression, string key)
    {
        var marker = $"'{key}', ";
        var index = expression.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        var start = index + marker.Length;
        var depth = 0;
        var inString = false;
        for (var i = start; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\'')
            {
                inString = !inString; // '' (an escaped quote) toggles twice
            }
            else if (!inString && c is '(' or '[')
            {
                depth++;
            }
            else if (!inString && c is ')' or ']')
            {
                if (depth == 0)
                {
                    return expression[start..i].Trim();
                }

                depth--;
            }
            else if (!inString && depth == 0 && c == ',')
            {
                return expression[start..i].Trim();
            }
        }

        return expression[start..].Trim();
    }
}
