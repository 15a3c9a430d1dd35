using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Tests.Validation;

/// <summary>Free-text and email fields: the character rules apply, with the error on the field.</summary>
public sealed class ValidationErrorsTests
{
    [Theory]
    [InlineData("Viby\u202Eenoz", "Teksten må ikke indeholde tegn, der ændrer skriveretningen.")]
    [InlineData("Viby\u0000", "Teksten må ikke indeholde styretegn.")]
    [InlineData("Viby\nÅrhus", "Feltet må kun have én linje (ingen linjeskift).")]
    [InlineData("\u200B\u200D", "Teksten består kun af usynlige tegn.")]
    [InlineData("   ", "Feltet skal udfyldes.")]
    [InlineData(null, "Feltet skal udfyldes.")]
    public void Required_text_is_refused_with_a_danish_message_on_the_field(string? value, string message)
    {
        var errors = new ValidationErrors();

        Assert.Null(errors.RequiredText("resident.name", value, 200));
        Assert.Equal([message], errors.ToDictionary()["resident.name"]);
    }

    [Theory]
    [InlineData("Viby\u2066x\u2069", "Teksten må ikke indeholde tegn, der ændrer skriveretningen.")]
    [InlineData("\u2060", "Teksten består kun af usynlige tegn.")]
    [InlineData("Viby\uFFFF", "Teksten indeholder ugyldige tegn.")]
    public void Optional_text_that_is_present_follows_the_same_rules(string value, string message)
    {
        var errors = new ValidationErrors();

        Assert.Null(errors.OptionalText("toArea", value, 200));
        Assert.Equal([message], errors.ToDictionary()["toArea"]);
    }

    [Fact]
    public void Optional_blank_text_is_missing()
    {
        var errors = new ValidationErrors();

        Assert.Null(errors.OptionalText("toArea", "  ", 200));
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void A_multi_line_field_keeps_its_line_breaks_and_a_single_line_field_refuses_them()
    {
        var errors = new ValidationErrors();

        Assert.Equal("Borgeren er flyttet.\r\nSagen lukkes.", errors.RequiredText("reason", " Borgeren er flyttet.\r\nSagen lukkes.\n", 1000, multiline: true));
        Assert.Equal("Første\tAnden", errors.OptionalText("note", "Første\tAnden", 2000, multiline: true));
        Assert.True(errors.IsEmpty);
        Assert.Null(errors.RequiredText("fromArea", "Gellerup\nparken", 200));
        Assert.False(errors.IsEmpty);
    }

    [Fact]
    public void Accepted_text_is_normalised_before_its_length_is_checked()
    {
        var errors = new ValidationErrors();

        // Five letters, written with seven code units (two combining marks).
        Assert.Equal("Århus", errors.RequiredText("toArea", "A\u030Arhus", 5));
        Assert.Equal("Søren", errors.OptionalText("name", "Søren", 5));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("a@127.0.0.1")]
    [InlineData("a@10.0.0.1")]
    [InlineData("a@0x7f.1")]
    [InlineData("a@2130706433.0")]
    [InlineData("a@1.2.3.4.5")]
    public void An_email_to_an_ip_address_is_refused(string email)
    {
        var errors = new ValidationErrors();

        Assert.Null(errors.Email("caseworker.email", email));
        Assert.Equal(["E-mailadressen skal have et domænenavn, ikke en IP-adresse."], errors.ToDictionary()["caseworker.email"]);
    }

    [Theory]
    [InlineData("soe\u200Bren@kommune.dk")]
    [InlineData("soeren@kom\u00ADmune.dk")]
    [InlineData("soeren@kommune.dk.")]
    [InlineData("Søren <soeren@kommune.dk>")]
    [InlineData("soeren@localhost")]
    [InlineData("a@[IPv6:::1]")]
    public void An_email_with_tricks_is_refused(string email)
    {
        var errors = new ValidationErrors();

        Assert.Null(errors.Email("supervisors[0]", email));
        Assert.Equal(["E-mailadressen er ikke gyldig."], errors.ToDictionary()["supervisors[0]"]);
    }

    [Theory]
    [InlineData("soeren@kommune.dk\u202E", "Teksten må ikke indeholde tegn, der ændrer skriveretningen.")]
    [InlineData("soeren@kommune.dk\r\nBcc: x@example.dk", "Feltet må kun have én linje (ingen linjeskift).")]
    public void An_email_with_control_or_bidi_characters_says_so(string email, string message)
    {
        var errors = new ValidationErrors();

        Assert.Null(errors.Email("caseworker.email", email));
        Assert.Equal([message], errors.ToDictionary()["caseworker.email"]);
    }

    [Theory]
    [InlineData("soeren@kommune.dk", "soeren@kommune.dk")]
    [InlineData("  tilsyn1@mobilitet.example.dk ", "tilsyn1@mobilitet.example.dk")]
    [InlineData("s\u00F8ren@k\u00F8benhavn.dk", "s\u00F8ren@k\u00F8benhavn.dk")]
    public void An_ordinary_email_is_accepted(string email, string expected)
    {
        var errors = new ValidationErrors();

        Assert.Equal(expected, errors.Email("caseworker.email", email));
        Assert.True(errors.IsEmpty);
    }
}
