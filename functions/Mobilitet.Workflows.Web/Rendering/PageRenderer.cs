using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// Renders a page (or any component) to an HTML string with <see cref="HtmlRenderer"/>: the same string
/// for the Functions app and the local host. Razor encodes every value it writes, so data can never
/// become markup; Danish letters and typographic dashes are written as they are (not as &amp;#xE5;).
/// Stateless; one renderer per call.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    /// <summary>
    /// Encodes markup characters (&lt; &gt; &amp; " ') always, and every character but Latin letters and the
    /// usual typographic punctuation: invisible and direction-changing characters (U+200B, U+202E, …) come
    /// out as references, so they cannot make a page read differently from its data.
    /// </summary>
    private static readonly HtmlEncoder Encoder = CreateEncoder();

    private readonly IServiceProvider rendererServices = new WithEncoder(services);

    /// <summary>Renders <typeparamref name="TPage"/> with its view model and the frame around it.</summary>
    public Task<string> RenderAsync<TPage, TModel>(TModel model, PageFrame frame)
        where TPage : PageBase<TModel>
    {
        ArgumentNullException.ThrowIfNull(frame);
        return RenderAsync<TPage>(new Dictionary<string, object?>
        {
            [nameof(PageBase<TModel>.Model)] = model,
            [nameof(PageBase<TModel>.Frame)] = frame,
        });
    }

    /// <summary>Renders any component with the given parameters (by name).</summary>
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var renderer = new HtmlRenderer(rendererServices, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    private static HtmlEncoder CreateEncoder()
    {
        var allowed = new TextEncoderSettings(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement);
        allowed.AllowCharacters('–', '—', '‘', '’', '‚', '“', '”', '„', '…', '•', '€');
        allowed.ForbidCharacter('\u00AD'); // soft hyphen: invisible
        return HtmlEncoder.Create(allowed);
    }

    // HtmlRenderer takes its HtmlEncoder from the services (HtmlEncoder.Default, which writes "ø" as "&#xF8;", otherwise).
    private sealed class WithEncoder(IServiceProvider services) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : services.GetService(serviceType);
    }
}
