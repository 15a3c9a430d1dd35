using AngleSharp.Dom;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Web.Layout;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Web.Tests.Layout;

public sealed class PageLayoutTests
{
    private static Task<IDocument> RenderAsync(PageFrame frame, NavigationSections current = NavigationSections.None, bool hasErrors = false) =>
        Renderer.DocumentAsync<PageLayout>(("Title", "Aftaler"), ("Frame", frame), ("Current", current), ("HasErrors", hasErrors));

    [Fact]
    public async Task The_page_is_danish_with_its_own_title_and_a_skip_link_to_the_main_content()
    {
        var document = await RenderAsync(PageFrame.Anonymous);

        Assert.Equal("da", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Aftaler – Flytteaftaler – Mobilitetsenheden", document.Title);
        var skip = document.QuerySelector("a.skipnav")!;
        Assert.Equal("Gå til sidens indhold", skip.Text());
        Assert.Equal("main", document.GetElementById(skip.GetAttribute("href")![1..])!.LocalName);
        Assert.NotNull(document.QuerySelector("header.header"));
        Assert.NotNull(document.QuerySelector("footer"));
    }

    [Fact]
    public async Task A_page_with_errors_says_so_first_in_its_title()
    {
        Assert.Equal("Fejl: Aftaler – Flytteaftaler – Mobilitetsenheden", (await RenderAsync(PageFrame.Anonymous, hasErrors: true)).Title);
    }

    [Fact]
    public async Task Without_a_user_there_is_no_menu_no_user_and_no_banner()
    {
        var document = await RenderAsync(PageFrame.Anonymous with { Navigation = NavigationSections.All });

        Assert.Empty(document.QuerySelectorAll("nav, .portal-user, .development-banner"));
    }

    [Fact]
    public async Task The_menu_shows_only_the_sections_the_user_may_open_and_marks_the_current_one()
    {
        var frame = new PageFrame { User = Samples.User(roles: Roles.Caseworker), Navigation = NavigationSections.MyTasks | NavigationSections.Agreements | NavigationSections.NewAgreement };

        var document = await RenderAsync(frame, NavigationSections.Agreements);

        var links = document.QuerySelectorAll("nav[aria-label=Hovedmenu] a").Select(a => (a.Text(), a.GetAttribute("href"), a.GetAttribute("aria-current"))).ToList();
        Assert.Equal([("Mine opgaver", "/", null), ("Ny flytteaftale", "/aftaler/ny", null), ("Aftaler", "/aftaler", "page")], links);
    }

    [Fact]
    public async Task Every_section_has_its_danish_link()
    {
        var document = await RenderAsync(new PageFrame { User = Samples.User(roles: Roles.Administrator), Navigation = NavigationSections.All });

        Assert.Equal(
            ["Mine opgaver /", "Ny flytteaftale /aftaler/ny", "Aftaler /aftaler", "Finansiering /finansiering", "Eskaleringer /eskaleringer", "Effekt /effekt", "Portefølje /portefoelje", "Revision /revision", "Drift /drift", "Registerudtræk /registerudtraek"],
            document.QuerySelectorAll("nav a").Select(a => $"{a.Text()} {a.GetAttribute("href")}"));
    }

    [Fact]
    public async Task The_signed_in_user_is_shown_with_danish_roles_and_a_sign_out_link()
    {
        var document = await RenderAsync(new PageFrame { User = Samples.User(false, Roles.Supervisor, Roles.Caseworker), Navigation = NavigationSections.MyTasks });

        var user = document.QuerySelector(".portal-user")!;
        Assert.Equal("Søren Sagsbehandler", user.QuerySelector(".user-name")!.Text());
        Assert.Equal("Sagsbehandler, Tilsynsenhed", user.QuerySelector(".roles")!.Text());
        var signOut = user.QuerySelector("a.log-off")!;
        Assert.Equal("Log ud", signOut.Text());
        Assert.Equal("/.auth/logout", signOut.GetAttribute("href"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task The_development_banner_shows_only_for_a_development_sign_in(bool development, bool shown)
    {
        var document = await RenderAsync(new PageFrame { User = Samples.User(development, Roles.Caseworker) });

        var banner = document.QuerySelector(".development-banner");
        Assert.Equal(shown, banner is not null);
        if (shown)
        {
            Assert.Equal("Udviklingsmiljø – ikke rigtige data", banner!.Text());
            Assert.Same(document.Body!.FirstElementChild!.NextElementSibling, banner); // right after the skip link, above the header
            Assert.Equal(("SECTION", "Udviklingsmiljø"), (banner!.TagName, banner.GetAttribute("aria-label"))); // a landmark, as all content must be
        }
    }

    [Fact]
    public async Task A_notice_from_a_redirect_is_a_dkfds_success_alert_announced_as_status()
    {
        var document = await RenderAsync(PageFrame.Anonymous with { Notice = Notice.DecisionRecorded });

        var status = document.QuerySelector("main [role=status]")!;
        Assert.Contains("alert-success", status.ClassList);
        Assert.Equal("Tak. Beslutningen er registreret.", status.Text());
    }

    [Fact]
    public async Task Scripts_and_styles_come_from_static_files_with_their_version_and_nothing_is_inline()
    {
        var document = await RenderAsync(new PageFrame { User = Samples.User(true, Roles.Caseworker), Navigation = NavigationSections.All });

        var scripts = document.QuerySelectorAll("script").ToList();
        Assert.Equal(["dkfds/js/dkfds.min.js", "htmx/htmx.min.js", "js/app.js"], scripts.Select(s => Path(s.GetAttribute("src"))));
        Assert.All(scripts, script => Assert.True(script.HasAttribute("defer") && script.TextContent.Length == 0));
        Assert.Equal(["dkfds/css/dkfds.min.css", "css/app.css"], document.QuerySelectorAll("link[rel=stylesheet]").Select(l => Path(l.GetAttribute("href"))));
        Assert.Empty(document.QuerySelectorAll("style, [style]"));
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        Assert.Equal("includeIndicatorCSS:false", document.QuerySelector("meta[name=htmx-config]")!.GetAttribute("content"));
    }

    // "/static/css/app.css?v=…" → "css/app.css", checking the version is the file's.
    private static string Path(string? url)
    {
        Assert.NotNull(url);
        Assert.StartsWith("/static/", url, StringComparison.Ordinal);
        var path = url["/static/".Length..url.IndexOf('?', StringComparison.Ordinal)];
        Assert.True(StaticAssets.Embedded.TryGet(path, out var asset));
        Assert.EndsWith("?v=" + asset.Version, url, StringComparison.Ordinal);
        return path;
    }
}
