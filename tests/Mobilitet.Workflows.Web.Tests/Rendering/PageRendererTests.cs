using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Tests.Rendering;

public sealed class PageRendererTests
{
    [Fact]
    public async Task Markup_in_data_comes_out_encoded_as_text()
    {
        var hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        var model = Samples.DecisionForm(Samples.Escalation() with { AgreementId = hostile }) with { Note = hostile, Token = hostile };

        var html = await Renderer.HtmlAsync<DecisionPage>(("Model", model), ("Frame", PageFrame.Anonymous));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        var document = Renderer.Parse(html);
        Assert.Equal(hostile, document.QuerySelector("textarea[name=note]")!.TextContent);
        Assert.Equal(hostile, document.QuerySelector("input[name=token]")!.GetAttribute("value"));
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.All(document.QuerySelectorAll("script"), script => Assert.StartsWith("/static/", script.GetAttribute("src"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Danish_letters_are_written_as_they_are()
    {
        var html = await Renderer.HtmlAsync<TextInput>(("Name", "fromArea"), ("Label", "Fraflytningsområde"), ("Value", "Århus Ø"));

        Assert.Contains("Fraflytningsområde", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Århus Ø\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u202E")] // right-to-left override: makes text read differently from how it is stored
    [InlineData("\u2066")] // left-to-right isolate
    [InlineData("\u200B")] // zero-width space
    [InlineData("\u2028")] // line separator
    [InlineData("\u00AD")] // soft hyphen
    public async Task Invisible_and_direction_changing_characters_are_written_as_references(string character)
    {
        var html = await Renderer.HtmlAsync<TextInput>(("Name", "fromArea"), ("Label", "Område"), ("Value", "Gellerup" + character + "parken"));

        Assert.DoesNotContain(character, html, StringComparison.Ordinal);
        Assert.Contains($"Gellerup&#x{(int)character[0]:X};parken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_is_a_whole_html_document_in_danish()
    {
        var html = await Renderer.HtmlAsync<DecisionPage>(("Model", Samples.DecisionForm()), ("Frame", PageFrame.Anonymous));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal("da", Renderer.Parse(html).DocumentElement.GetAttribute("lang"));
    }
}
