using Microsoft.AspNetCore.Components;

namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// What every page component is: a plain view model to show, and the frame around it (the signed-in
/// user, the sections they may open, a message after a redirect, the form token). Pages hand the frame
/// to <see cref="Layout.PageLayout"/>. Render one with <see cref="PageRenderer.RenderAsync{TPage, TModel}"/>.
/// </summary>
public abstract class PageBase<TModel> : ComponentBase
{
    [Parameter, EditorRequired]
    public TModel Model { get; set; } = default!;

    [Parameter, EditorRequired]
    public PageFrame Frame { get; set; } = PageFrame.Anonymous;
}
