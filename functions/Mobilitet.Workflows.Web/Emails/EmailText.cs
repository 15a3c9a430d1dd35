using System.Net;
using System.Text.RegularExpressions;

namespace Mobilitet.Workflows.Web.Emails;

/// <summary>
/// The plain-text rendering of an email. In <see cref="EmailFormat.Text"/> the components write text and two
/// marker characters (paragraph and line separator) instead of markup; the renderer encodes the text like any
/// page, so this decodes it, lays the paragraphs out with blank lines between them and folds the template's
/// own line breaks and indentation into single spaces.
/// </summary>
public static partial class EmailText
{
    /// <summary>Ends a paragraph (U+2029 PARAGRAPH SEPARATOR).</summary>
    public const string ParagraphEnd = "\u2029";

    /// <summary>A line break inside a paragraph (U+2028 LINE SEPARATOR).</summary>
    public const string LineBreak = "\u2028";

    /// <summary>The rendered text output as the email's plain-text body.</summary>
    public static string FromRendered(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var paragraphs = WebUtility.HtmlDecode(rendered)
            .Split(ParagraphEnd[0])
            .Select(paragraph => string.Join(
                '\n',
                paragraph.Split(LineBreak[0]).Select(line => Spaces().Replace(line, " ").Trim())))
            .Select(paragraph => paragraph.Trim())
            .Where(paragraph => paragraph.Length > 0);
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>The subject as one line of text.</summary>
    public static string SubjectFromRendered(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        return Spaces().Replace(WebUtility.HtmlDecode(rendered), " ").Trim();
    }

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Spaces();
}
