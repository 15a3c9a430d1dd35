using System.Text;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Tests.Validation;

public sealed class FreeTextTests
{
    private const string ControlCharacter = "Teksten må ikke indeholde styretegn.";
    private const string LineBreak = "Feltet må kun have én linje (ingen linjeskift).";
    private const string BidiControl = "Teksten må ikke indeholde tegn, der ændrer skriveretningen.";
    private const string InvalidCharacters = "Teksten indeholder ugyldige tegn.";
    private const string InvisibleOnly = "Teksten består kun af usynlige tegn.";

    private static string Text(int codePoint) => "Gellerup" + char.ConvertFromUtf32(codePoint) + "parken";

    /// <summary>Every C0 control but tab, CR and LF; DEL; every C1 control.</summary>
    public static TheoryData<int> ControlCharacters => new(
        Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\r' or '\n'))
            .Append(0x7F)
            .Concat(Enumerable.Range(0x80, 0x20)));

    public static TheoryData<int> BidiControls => new(0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069);

    /// <summary>All 66 non-characters.</summary>
    public static TheoryData<int> NonCharacters => new(
        Enumerable.Range(0xFDD0, 0x20)
            .Concat(Enumerable.Range(0, 17).SelectMany(plane => new[] { (plane << 16) | 0xFFFE, (plane << 16) | 0xFFFF })));

    public static TheoryData<int> InvisibleCharacters => new(0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x034F, 0x180E, 0x2061, 0x3164, 0xFFA0, 0x115F, 0xFE0F, 0x2800, 0xE0041);

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public void A_control_character_is_refused_also_in_a_multi_line_field(int codePoint)
    {
        Assert.Null(FreeText.Clean(Text(codePoint), multiline: false, out var singleLineError));
        Assert.Null(FreeText.Clean(Text(codePoint), multiline: true, out var multiLineError));
        Assert.Equal(ControlCharacter, singleLineError);
        Assert.Equal(ControlCharacter, multiLineError);
    }

    [Theory]
    [MemberData(nameof(BidiControls))]
    public void A_bidirectional_override_isolate_or_mark_is_refused(int codePoint)
    {
        Assert.Null(FreeText.Clean(Text(codePoint), multiline: true, out var error));
        Assert.Equal(BidiControl, error);
    }

    [Theory]
    [MemberData(nameof(NonCharacters))]
    public void A_non_character_is_refused(int codePoint)
    {
        Assert.Null(FreeText.Clean(Text(codePoint), multiline: true, out var error));
        Assert.Equal(InvalidCharacters, error);
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        // Not theory data: xunit would turn a lone surrogate into U+FFFD on the way to the test.
        foreach (var text in new[] { "Viby\ud800", "\udc00Viby", "Vi\udc00\ud800by" /* low before high is no pair */ })
        {
            Assert.Null(FreeText.Clean(text, multiline: true, out var error));
            Assert.Equal(InvalidCharacters, error);
        }
    }

    [Theory]
    [MemberData(nameof(InvisibleCharacters))]
    public void Text_of_only_invisible_characters_and_spaces_is_refused(int codePoint)
    {
        var invisible = char.ConvertFromUtf32(codePoint);

        Assert.Null(FreeText.Clean(invisible, multiline: false, out var alone));
        Assert.Null(FreeText.Clean(" " + invisible + invisible + "\u00A0", multiline: false, out var withSpaces));
        Assert.Equal(InvisibleOnly, alone);
        Assert.Equal(InvisibleOnly, withSpaces);
    }

    [Theory]
    [InlineData("Gellerup\nparken")]
    [InlineData("Gellerup\r\nparken")]
    [InlineData("Gellerup\rparken")]
    [InlineData("Gellerup\u2028parken")]
    [InlineData("Gellerup\u2029parken")]
    public void A_line_break_is_refused_in_a_single_line_field_and_kept_in_a_multi_line_one(string text)
    {
        Assert.Null(FreeText.Clean(text, multiline: false, out var error));
        Assert.Equal(LineBreak, error);
        Assert.Equal(text, FreeText.Clean(text, multiline: true, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void A_tab_is_kept_only_in_a_multi_line_field()
    {
        Assert.Null(FreeText.Clean("Første\tAnden", multiline: false, out var error));
        Assert.Equal(ControlCharacter, error);
        Assert.Equal("Første\tAnden", FreeText.Clean("Første\tAnden", multiline: true, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t ")]
    [InlineData("\u00A0\u3000")]
    public void Blank_text_is_missing_not_refused(string? text)
    {
        Assert.Null(FreeText.Clean(text, multiline: true, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Accepted_text_is_in_nfc()
    {
        var decomposed = "Sore\u0301n A\u030Arhus"; // e + combining acute, A + combining ring

        var clean = FreeText.Clean(decomposed, multiline: false, out var error);

        Assert.Null(error);
        Assert.Equal("Sorén Århus", clean);
        Assert.True(clean!.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("  Viby  ", "Viby")]
    [InlineData("\u200BViby\u200B", "Viby")]
    [InlineData("\uFEFFViby", "Viby")]
    [InlineData("Viby\u00AD", "Viby")]
    public void White_space_and_zero_width_characters_are_trimmed_at_the_ends(string text, string expected)
    {
        Assert.Equal(expected, FreeText.Clean(text, multiline: false, out _));
    }

    [Theory]
    [InlineData("Søren Sagsbehandler")]
    [InlineData("Brabrand Boligforening")]
    [InlineData("مرحبا")]                          // right-to-left script without override characters
    [InlineData("Anne-Sofie O'Brien")]
    [InlineData("می\u200Cخواهم")]                 // zero-width non-joiner inside a Persian word
    [InlineData("Familie \U0001F468\u200D\U0001F469\u200D\U0001F467")] // emoji joined with ZWJ
    [InlineData("Hjerte \u2764\uFE0F")]            // emoji ending in a variation selector
    [InlineData("Citat \U0001D11E")]               // a supplementary-plane character (a surrogate pair)
    public void Ordinary_text_is_accepted_unchanged(string text)
    {
        Assert.Equal(text, FreeText.Clean(text, multiline: false, out var error));
        Assert.Null(error);
    }
}
