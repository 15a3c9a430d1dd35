using Mobilitet.Workflows.Web.Pages;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class ErrorPageTests
{
    [Theory]
    [InlineData(ErrorPageKind.EscalationNotFound, "Eskaleringen findes ikke")]
    [InlineData(ErrorPageKind.FormExpired, "Formularen er udløbet")]
    [InlineData(ErrorPageKind.NotAForm, "Forespørgslen kunne ikke læses")]
    [InlineData(ErrorPageKind.FormTooLarge, "Formularen er for stor")]
    public async Task Each_kind_has_its_danish_heading_and_a_way_back_when_there_is_one(ErrorPageKind kind, string heading)
    {
        var document = await Renderer.PageAsync<ErrorPage, ErrorPageModel>(new ErrorPageModel(kind, "/api/escalations/x-esc-move/decide"));

        Assert.Equal(heading, document.QuerySelector("h1")!.Text());
        Assert.StartsWith(heading + " – ", document.Title, StringComparison.Ordinal);
        Assert.Equal("/api/escalations/x-esc-move/decide", document.QuerySelector("main a")!.GetAttribute("href"));
    }
}
