using System.Globalization;
using System.Text.Json;

namespace Mobilitet.Testing;

/// <summary>Reads and checks a SendGrid v3 mail/send body the way the real endpoint does (the parts used here).</summary>
internal static class MailSendRequest
{
    public sealed record Problem(string Message, string? Field);

    public sealed record Result(IReadOnlyList<ReceivedEmail> Emails, Problem? Error);

    public static Result Parse(JsonElement root)
    {
        try
        {
            return new Result(ParseEmails(root), null);
        }
        catch (InvalidRequestException e)
        {
            return new Result([], new Problem(e.Message, e.Field));
        }
    }

    private static List<ReceivedEmail> ParseEmails(JsonElement root)
    {
        Require(root.ValueKind == JsonValueKind.Object, "Bad Request", null);

        var (from, fromName) = Address(root, "from", "from", "The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.");
        var subject = OptionalString(root, "subject", "subject");
        var content = Content(root);
        var customArgs = StringMap(root, "custom_args", "custom_args");
        var categories = Categories(root);
        var clickTracking = TrackingFlag(root, "click_tracking");
        var openTracking = TrackingFlag(root, "open_tracking");

        Require(
            root.TryGetProperty("personalizations", out var personalizations) && personalizations.ValueKind == JsonValueKind.Array && personalizations.GetArrayLength() > 0,
            "The personalizations field is required and must have at least one personalization.",
            "personalizations");

        List<ReceivedEmail> emails = [];
        var index = 0;
        foreach (var personalization in personalizations.EnumerateArray())
        {
            var path = $"personalizations.{index}";
            Require(personalization.ValueKind == JsonValueKind.Object, "Bad Request", path);
            var to = Addresses(personalization, "to", $"{path}.to", required: true);
            var cc = Addresses(personalization, "cc", $"{path}.cc", required: false);
            var bcc = Addresses(personalization, "bcc", $"{path}.bcc", required: false);
            HashSet<string> seen = new(StringComparer.OrdinalIgnoreCase);
            foreach (var (list, field) in new[] { (to, "to"), (cc, "cc"), (bcc, "bcc") })
            {
                foreach (var address in list)
                {
                    Require(
                        seen.Add(address),
                        $"Each email address in the personalization block should be unique between to, cc, and bcc. We found the first duplicate instance of [{address}] in the {path}.{field} field.",
                        $"{path}.{field}");
                }
            }

            var personalSubject = OptionalString(personalization, "subject", $"{path}.subject") ?? subject;
            Require(
                !string.IsNullOrEmpty(personalSubject),
                "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.",
                "subject");

            var args = new Dictionary<string, string>(customArgs, StringComparer.Ordinal);
            foreach (var (key, value) in StringMap(personalization, "custom_args", $"{path}.custom_args"))
            {
                args[key] = value;
            }

            emails.Add(new ReceivedEmail(
                from,
                fromName,
                to,
                cc,
                bcc,
                personalSubject!,
                content.GetValueOrDefault("text/plain", string.Empty),
                content.GetValueOrDefault("text/html", string.Empty),
                args,
                categories,
                clickTracking,
                openTracking));
            index++;
        }

        return emails;
    }

    private static Dictionary<string, string> Content(JsonElement root)
    {
        Require(
            root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array && content.GetArrayLength() > 0,
            "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.",
            "content");

        Dictionary<string, string> blocks = new(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            var path = $"content.{index}";
            var type = OptionalString(block, "type", $"{path}.type");
            var value = OptionalString(block, "value", $"{path}.value");
            Require(!string.IsNullOrEmpty(type), "The content type is required.", $"{path}.type");
            Require(!string.IsNullOrEmpty(value), "The content value must be a string at least one character in length.", $"{path}.value");
            Require(
                index == 0 || !string.Equals(type, "text/plain", StringComparison.OrdinalIgnoreCase),
                "The text/plain content type must be first, if present.",
                $"{path}.type");
            Require(blocks.TryAdd(type!, value!), "Each content type may appear only once.", $"{path}.type");
            index++;
        }

        return blocks;
    }

    private static List<string> Categories(JsonElement root)
    {
        if (!root.TryGetProperty("categories", out var categories))
        {
            return [];
        }

        Require(categories.ValueKind == JsonValueKind.Array && categories.GetArrayLength() <= 10, "Categories must be an array of at most 10 strings.", "categories");
        List<string> names = [];
        foreach (var category in categories.EnumerateArray())
        {
            Require(category.ValueKind == JsonValueKind.String, "Categories must be strings.", "categories");
            names.Add(category.GetString()!);
        }

        Require(names.Distinct(StringComparer.Ordinal).Count() == names.Count, "Categories must be unique.", "categories");
        return names;
    }

    private static bool? TrackingFlag(JsonElement root, string name) =>
        root.TryGetProperty("tracking_settings", out var settings)
        && settings.ValueKind == JsonValueKind.Object
        && settings.TryGetProperty(name, out var setting)
        && setting.ValueKind == JsonValueKind.Object
        && setting.TryGetProperty("enable", out var enable)
        && enable.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? enable.GetBoolean()
            : null;

    private static (string Email, string? Name) Address(JsonElement parent, string property, string field, string missing)
    {
        Require(parent.TryGetProperty(property, out var address) && address.ValueKind == JsonValueKind.Object, missing, field);
        var email = OptionalString(address, "email", $"{field}.email");
        Require(IsAddress(email), "Does not contain a valid address.", $"{field}.email");
        return (email!, OptionalString(address, "name", $"{field}.name"));
    }

    private static List<string> Addresses(JsonElement personalization, string property, string field, bool required)
    {
        if (!personalization.TryGetProperty(property, out var list))
        {
            Require(!required, $"The {property} array is required for all personalization objects, and must have at least one email object with a valid email address.", field);
            return [];
        }

        Require(
            list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0,
            $"The {property} array must have at least one email object with a valid email address.",
            field);
        List<string> addresses = [];
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{field}.{index}.email");
            Require(entry.ValueKind == JsonValueKind.Object, "Does not contain a valid address.", path);
            var email = OptionalString(entry, "email", path);
            Require(IsAddress(email), "Does not contain a valid address.", path);
            addresses.Add(email!);
            index++;
        }

        return addresses;
    }

    private static Dictionary<string, string> StringMap(JsonElement parent, string property, string field)
    {
        Dictionary<string, string> map = new(StringComparer.Ordinal);
        if (!parent.TryGetProperty(property, out var value))
        {
            return map;
        }

        Require(value.ValueKind == JsonValueKind.Object, "Custom args must be an object.", field);
        foreach (var entry in value.EnumerateObject())
        {
            Require(entry.Value.ValueKind == JsonValueKind.String, "Custom arg values must be strings.", $"{field}.{entry.Name}");
            map[entry.Name] = entry.Value.GetString()!;
        }

        return map;
    }

    private static string? OptionalString(JsonElement parent, string property, string field)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Require(value.ValueKind == JsonValueKind.String, $"The {property} must be a string.", field);
        return value.GetString();
    }

    private static bool IsAddress(string? email) =>
        email is { Length: >= 3 } && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1 && !email.Contains(' ', StringComparison.Ordinal);

    private static void Require(bool condition, string message, string? field)
    {
        if (!condition)
        {
            throw new InvalidRequestException(message, field);
        }
    }

    private sealed class InvalidRequestException(string message, string? field) : Exception(message)
    {
        public string? Field { get; } = field;
    }
}
