using System.Net;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The move and a measurement from *Aftale*. The lifecycle takes a measurement when its milestone falls due, so the
/// day is 100 ms (M3 after 9 s); the rest of the page is tested on an hour day in <see cref="AgreementPageTests"/>.
/// </summary>
public sealed class AgreementPageMeasurementTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private static string PagePath(string id) => AgreementPageTests.PagePath(id);

    [Fact]
    public async Task The_move_a_measurement_and_a_cancellation_from_the_page_with_errors_by_the_fields_first()
    {
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30));
        using var caseworker = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);

        using var future = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/flytning", ("movedOn", PageForms.Date(AgreementForms.Today.AddYears(20))));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal("Fejl: Flyttedatoen må ikke ligge efter i dag.", PageForms.Parse(await future.Content.ReadAsStringAsync()).GetElementById("field-move-movedOn-error")!.Text());

        using var moved = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/flytning", ("movedOn", PageForms.Date(AgreementForms.Today)), ("toArea", "Viby"));
        Assert.Equal("Flytningen er registreret. Opfølgningen begynder.", PageForms.Parse(await caseworker.FollowAsync(moved)).QuerySelector("[role=status]")!.Text());
        await host.WaitForStatusAsync(id, "Monitoring");

        // A rate outside 0–100 % (the command's error, in percent), and an amount that is not a number (the form's own error).
        using var outOfRange = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/maaling", ("milestone", "M3"), ("selfSufficiencyRate", "150"), ("resourceDrawDkk", "260.000"), ("taxPaidDkk", "10.000"));
        using var notANumber = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/maaling", ("milestone", "M3"), ("selfSufficiencyRate", "5"), ("resourceDrawDkk", "mange"), ("taxPaidDkk", "10.000"));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var errors = PageForms.Parse(await outOfRange.Content.ReadAsStringAsync());
        Assert.Equal(["Procentsatsen skal ligge mellem 0 og 100."], errors.QuerySelectorAll("[data-module=error-summary] li").Select(item => item.Text()));
        Assert.Equal("#field-measurement-selfSufficiencyRate", errors.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("150", errors.GetElementById("field-measurement-selfSufficiencyRate")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Equal("Fejl: Skriv et tal, fx 40.000 eller 0,5.", PageForms.Parse(await notANumber.Content.ReadAsStringAsync()).GetElementById("field-measurement-resourceDrawDkk-error")!.Text());

        // Baseline 20 % and 200.000 kr.: M3 needs at least 10 % and at most 230.000 kr.
        using var measured = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/maaling", ("milestone", "M3"), ("selfSufficiencyRate", "5"), ("resourceDrawDkk", "260.000"), ("taxPaidDkk", "10.000"));
        Assert.Equal("Målingen er registreret.", PageForms.Parse(await caseworker.FollowAsync(measured)).QuerySelector("[role=status]")!.Text());
        await host.WaitForAsync(id, a => a.Kinds().Contains("MilestoneMeasured"), "the M3 measurement on the timeline");

        var page = PageForms.Parse(await (await caseworker.GetAsync(PagePath(id))).Content.ReadAsStringAsync());
        Assert.Equal(
            ["Udgangspunkt | 20 % | – | 200.000 kr. | – | -170.000 kr. | – | –", "M3 | 5 % | 10 % | 260.000 kr. | 230.000 kr. | -250.000 kr. | Under tærsklen | Indtastet, rapport for 3-måneders-målingen"],
            page.QuerySelectorAll(".indicator-table tbody tr").Take(2).Select(row => string.Join(" | ", row.Children.Select(cell => cell.Text()))));
        Assert.Contains("\"selfSufficiency\":[20.0,5.0,null,null]", page.QuerySelector("[data-indicators]")!.GetAttribute("data-indicators"), StringComparison.Ordinal);
        Assert.Contains("Milepælen er målt: M3, under tærsklen", page.QuerySelector(".timeline")!.Text(), StringComparison.Ordinal);

        using var noReason = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/annuller", ("reason", ""));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var cancelForm = PageForms.Parse(await noReason.Content.ReadAsStringAsync());
        Assert.Equal("Fejl: Feltet skal udfyldes.", cancelForm.GetElementById("field-cancel-reason-error")!.Text());
        Assert.True(cancelForm.QuerySelector("form[action$='/annuller']")!.Closest("details")!.HasAttribute("open"));

        using var cancelled = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/annuller", ("reason", "Beboeren er flyttet til en anden kommune"));
        await caseworker.FollowAsync(cancelled);
        await host.WaitForStatusAsync(id, "Cancelled");
    }
}
