using AngleSharp.Dom;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Tests.Shared;

/// <summary>The dkfds form pattern: label, hint, the error next to the field (aria-describedby, aria-invalid), the error summary linking to the fields.</summary>
public sealed class FormComponentTests
{
    private static readonly FieldErrors Errors = new(new Dictionary<string, string[]>
    {
        ["resident.name"] = ["Feltet skal udfyldes."],
        ["decision"] = ["Værdien skal være en af: a, b."],
    });

    [Fact]
    public async Task A_field_with_an_error_is_marked_invalid_and_described_by_its_hint_and_error()
    {
        var document = await Renderer.DocumentAsync<TextInput>(
            ("Name", "resident.name"), ("Label", "Navn"), ("Hint", "Som i folkeregistret"), ("Value", "K"), ("Errors", Errors));

        var input = document.QuerySelector("input")!;
        Assert.Equal("field-resident-name", input.Id);
        Assert.Equal("resident.name", input.GetAttribute("name"));
        Assert.Equal("K", input.GetAttribute("value"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("Navn", document.QuerySelector($"label[for='{input.Id}']")!.Text());
        var described = input.GetAttribute("aria-describedby")!.Split(' ');
        Assert.Equal(["field-resident-name-hint", "field-resident-name-error"], described);
        Assert.Equal("Som i folkeregistret", document.GetElementById(described[0])!.Text());
        Assert.Equal("Fejl: Feltet skal udfyldes.", document.GetElementById(described[1])!.Text());
        Assert.Contains("form-error", input.ParentElement!.ClassList);
    }

    [Fact]
    public async Task A_field_without_an_error_has_no_error_markup()
    {
        var document = await Renderer.DocumentAsync<TextInput>(("Name", "toArea"), ("Label", "Tilflytningsområde"), ("Errors", Errors), ("Required", false), ("OptionalLabel", true));

        var input = document.QuerySelector("input")!;
        Assert.False(input.HasAttribute("aria-invalid"));
        Assert.False(input.HasAttribute("aria-describedby"));
        Assert.False(input.HasAttribute("required"));
        Assert.Empty(document.QuerySelectorAll(".form-error, .form-error-message"));
        Assert.Equal("Tilflytningsområde (frivilligt)", document.QuerySelector("label")!.Text());
    }

    [Fact]
    public async Task The_error_summary_links_each_error_to_its_field_and_lists_others_as_text()
    {
        var errors = new FieldErrors(new Dictionary<string, string[]>
        {
            ["note"] = ["Teksten må højst være 2000 tegn."],
            ["token"] = ["Linket er ugyldigt."],
            ["decision"] = ["Feltet skal udfyldes."],
        });

        var document = await Renderer.DocumentAsync<ErrorSummary>(("Errors", errors), ("Fields", (IReadOnlyList<string>)["decision", "note"]));

        var summary = document.QuerySelector("[data-module=error-summary]")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.Equal("Der er problemer", document.GetElementById(summary.GetAttribute("aria-labelledby")!)!.Text());
        var items = summary.QuerySelectorAll("li").Select(li => (li.Text(), li.QuerySelector("a")?.GetAttribute("href"))).ToList();
        Assert.Equal(
            [("Feltet skal udfyldes.", "#field-decision"), ("Teksten må højst være 2000 tegn.", "#field-note"), ("Linket er ugyldigt.", null)],
            items);
    }

    [Fact]
    public async Task No_errors_no_summary()
    {
        Assert.Equal(string.Empty, (await Renderer.HtmlAsync<ErrorSummary>(("Errors", FieldErrors.None))).Trim());
    }

    [Fact]
    public async Task A_radio_group_is_a_fieldset_whose_first_button_carries_the_field_id()
    {
        var document = await Renderer.DocumentAsync<RadioGroup>(
            ("Name", "decision"), ("Label", "Beslutning"), ("Value", "b"), ("Errors", Errors),
            ("Options", (IReadOnlyList<RadioOption>)[new RadioOption("a", "Første"), new RadioOption("b", "Anden", "En forklaring")]));

        var fieldset = document.QuerySelector("fieldset")!;
        Assert.Equal("Beslutning", fieldset.QuerySelector("legend")!.Text());
        Assert.Equal("field-decision-error", fieldset.GetAttribute("aria-describedby"));
        var radios = fieldset.QuerySelectorAll("input[type=radio]");
        Assert.Equal(["field-decision", "field-decision-2"], radios.Select(r => r.Id));
        Assert.All(radios, radio => Assert.Equal("decision", radio.GetAttribute("name")));
        Assert.Equal(["Første", "Anden"], radios.Select(r => document.QuerySelector($"label[for='{r.Id}']")!.Text()));
        Assert.False(radios[0].HasAttribute("checked"));
        Assert.True(radios[1].HasAttribute("checked"));
        Assert.Equal("En forklaring", document.GetElementById(radios[1].GetAttribute("aria-describedby")!)!.Text());
        Assert.NotNull(document.GetElementById("field-decision-error"));
    }

    [Fact]
    public async Task A_select_marks_the_chosen_option_and_offers_an_empty_first_choice()
    {
        var document = await Renderer.DocumentAsync<SelectInput>(
            ("Name", "municipalityCode"), ("Label", "Kommune"), ("Value", "0751"),
            ("Options", (IReadOnlyList<SelectOption>)[new SelectOption("0101", "København"), new SelectOption("0751", "Aarhus")]));

        var options = document.QuerySelectorAll("select#field-municipalityCode option");
        Assert.Equal(["", "0101", "0751"], options.Select(o => o.GetAttribute("value")));
        Assert.Equal("Vælg", options[0].Text());
        Assert.Equal(["0751"], options.Where(o => o.HasAttribute("selected")).Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task A_date_field_posts_the_api_format_and_an_amount_field_says_kroner()
    {
        var date = await Renderer.DocumentAsync<DateInput>(("Name", "plannedMoveDate"), ("Label", "Planlagt flyttedato"), ("Value", "2027-03-01"), ("Min", (DateOnly?)new DateOnly(2026, 1, 1)));
        var amount = await Renderer.DocumentAsync<AmountInput>(("Name", "financing.requestedDkk"), ("Label", "Ansøgt beløb"), ("Value", "40.000"));

        var dateInput = date.QuerySelector("input")!;
        Assert.Equal("date", dateInput.GetAttribute("type"));
        Assert.Equal("2027-03-01", dateInput.GetAttribute("value"));
        Assert.Equal("2026-01-01", dateInput.GetAttribute("min"));
        var amountInput = amount.QuerySelector("input")!;
        Assert.Equal("numeric", amountInput.GetAttribute("inputmode"));
        Assert.Equal("40.000", amountInput.GetAttribute("value"));
        Assert.Equal("kr.", amount.QuerySelector(".form-input-suffix")!.Text());
    }

    [Fact]
    public async Task A_text_area_keeps_its_text_and_states_its_limit()
    {
        var document = await Renderer.DocumentAsync<TextArea>(("Name", "note"), ("Label", "Bemærkning (valgfri)"), ("Value", "Linje 1\nLinje 2"), ("Required", false), ("MaxLength", (int?)2000));

        var area = document.QuerySelector("textarea")!;
        Assert.Equal("Linje 1\nLinje 2", area.TextContent);
        Assert.Equal("2000", area.ParentElement!.GetAttribute("data-maxlength"));
        Assert.Equal("Du kan indtaste op til 2000 tegn", document.GetElementById(area.GetAttribute("aria-describedby")!)!.Text());
    }

    [Fact]
    public async Task Every_id_a_field_refers_to_exists()
    {
        var document = await Renderer.DocumentAsync<TextArea>(("Name", "note"), ("Label", "Bemærkning"), ("Hint", "Kort"), ("Errors", new FieldErrors(new Dictionary<string, string[]> { ["note"] = ["For lang."] })), ("MaxLength", (int?)10));

        AssertReferencesExist(document);
    }

    internal static void AssertReferencesExist(IDocument document)
    {
        foreach (var element in document.QuerySelectorAll("[aria-describedby], [aria-labelledby], label[for]"))
        {
            var ids = (element.GetAttribute("aria-describedby") ?? element.GetAttribute("aria-labelledby") ?? element.GetAttribute("for"))!.Split(' ');
            Assert.All(ids, id => Assert.True(document.GetElementById(id) is not null, $"{element.OuterHtml} refers to a missing id '{id}'."));
        }

        var all = document.QuerySelectorAll("[id]").Select(element => element.Id).ToList();
        Assert.Equal(all.Distinct().Count(), all.Count);
    }
}
