using Mobilitet.Workflows.Azure.Tables;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("fa-0123456789abcdef0123")]
    [InlineData("M12:OnTrack")]
    [InlineData("consentreminder-reminder-2")]
    public void Safe_text_is_kept_as_it_is(string text) => Assert.Equal(text, TableKeys.Escape(text));

    [Fact]
    public void Forbidden_key_characters_never_appear_in_an_escaped_key()
    {
        var escaped = TableKeys.Escape("a/b\\c#d?e\u0001f\u007fg\u0085h");

        Assert.DoesNotContain(escaped, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void Different_texts_get_different_keys()
    {
        string[] texts = ["a/b", "a_b", "a~2Fb", "a~b", "a%2Fb", "A/B", "", "æ", "ae"];

        var keys = texts.Select(TableKeys.Escape).ToList();

        Assert.Equal(texts.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Long_text_is_shortened_and_still_distinct()
    {
        var first = TableKeys.Escape(new string('/', 500) + "1");
        var second = TableKeys.Escape(new string('/', 500) + "2");

        Assert.InRange(first.Length, 1, TableKeys.MaxLength);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fa-1/2")]
    [InlineData("with space")]
    public void Unsafe_ids_are_refused(string id) =>
        Assert.Throws<ArgumentException>(() => TableKeys.RequireSafe(id, "id"));
}
