using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Web.Tests;

/// <summary>Renders components with the real <see cref="PageRenderer"/> and parses the HTML as a browser would.</summary>
internal static class Renderer
{
    private static readonly PageRenderer Pages = new(
        new ServiceCollection().AddLogging().BuildServiceProvider(),
        LoggerFactory.Create(_ => { }));

    public static Task<string> HtmlAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        Pages.RenderAsync<TComponent>(parameters.ToDictionary(p => p.Name, p => p.Value));

    public static async Task<IDocument> DocumentAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        Parse(await HtmlAsync<TComponent>(parameters));

    public static async Task<IDocument> PageAsync<TPage, TModel>(TModel model, PageFrame? frame = null)
        where TPage : PageBase<TModel> =>
        Parse(await Pages.RenderAsync<TPage, TModel>(model, frame ?? PageFrame.Anonymous));

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>Text with runs of white space made one space, as a reader sees it.</summary>
    public static string Text(this INode node) =>
        System.Text.RegularExpressions.Regex.Replace(node.TextContent, @"\s+", " ").Trim();

    /// <summary>
    /// Every table region that may scroll sideways (on a tablet) is reachable by keyboard and named by its
    /// table's caption: axe's scrollable-region-focusable is serious, and it only shows where a table overflows.
    /// </summary>
    public static void AssertScrollRegionsAreReachable(this IDocument document)
    {
        var regions = document.QuerySelectorAll(".table--responsive-scroll");
        Assert.NotEmpty(regions);
        Assert.All(regions, region =>
        {
            Assert.Equal("0", region.GetAttribute("tabindex"));
            Assert.Equal("region", region.GetAttribute("role"));
            var caption = document.GetElementById(region.GetAttribute("aria-labelledby") ?? string.Empty);
            Assert.NotNull(caption);
            Assert.Equal("CAPTION", caption.TagName);
            Assert.Same(region, caption.ParentElement!.ParentElement);
        });
    }
}
