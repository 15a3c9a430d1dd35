using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class CheckInPageTests
{
    private static CheckInPageModel Form(string? score = null, FieldErrors? errors = null) => new()
    {
        State = CheckInPageState.Form,
        Token = "CfDJ8<token>&\"x",
        Score = score,
        Comment = "<b>godt</b>",
        CommentMaxLength = 2000,
        Errors = errors ?? FieldErrors.None,
    };

    [Fact]
    public async Task The_form_asks_one_question_on_a_scale_of_1_to_5_and_carries_the_link_token_back_encoded()
    {
        var document = await Renderer.PageAsync<CheckInPage, CheckInPageModel>(Form(score: "3"), new PageFrame { Antiforgery = new AntiforgeryToken("__RequestVerificationToken", "af") });

        Assert.Equal("Hvordan har du det i din nye bolig?", document.QuerySelector("h1")!.Text());
        var form = document.QuerySelector("main form")!;
        Assert.Equal(("post", "/trivsel"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("CfDJ8<token>&\"x", form.QuerySelector("input[name=token]")!.GetAttribute("value"));
        Assert.Equal(["1", "2", "3", "4", "5"], form.QuerySelectorAll("input[name=score]").Select(radio => radio.GetAttribute("value")!).ToList());
        Assert.True(form.QuerySelector("input[name=score][value='3']")!.HasAttribute("checked"));
        Assert.Equal("<b>godt</b>", form.QuerySelector("textarea[name=comment]")!.TextContent);
        Assert.Null(document.QuerySelector("main b"));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_missing_score_is_named_in_the_error_summary_and_by_the_field()
    {
        var errors = new FieldErrors(new Dictionary<string, string[]> { ["score"] = ["Vælg et svar fra 1 til 5."] });

        var document = await Renderer.PageAsync<CheckInPage, CheckInPageModel>(Form(errors: errors), new PageFrame { Antiforgery = new AntiforgeryToken("__RequestVerificationToken", "af") });

        Assert.Contains("Vælg et svar fra 1 til 5.", document.QuerySelector(".alert-error, [role=alert]")!.Text(), StringComparison.Ordinal);
        FormComponentTests.AssertReferencesExist(document);
    }

    [Theory]
    [InlineData(CheckInPageState.Thanks, "Tak for dit svar")]
    [InlineData(CheckInPageState.AlreadyAnswered, "Du har allerede svaret")]
    [InlineData(CheckInPageState.InvalidLink, "Linket virker ikke")]
    public async Task Every_other_state_explains_itself_without_a_form(CheckInPageState state, string heading)
    {
        var document = await Renderer.PageAsync<CheckInPage, CheckInPageModel>(new CheckInPageModel { State = state, CommentMaxLength = 2000 });

        Assert.Contains(heading, document.QuerySelector("main")!.Text(), StringComparison.Ordinal);
        Assert.Null(document.QuerySelector("main form"));
    }
}
