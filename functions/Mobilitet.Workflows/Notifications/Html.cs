using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// HTML encoding that escapes markup but leaves Danish letters as they are (WebUtility.HtmlEncode
/// would write "å" as "&amp;#229;": valid, but unreadable in the source of an email or page).
/// </summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.GeneralPunctuation);

    public static string Encode(string value) => Encoder.Encode(value);
}
