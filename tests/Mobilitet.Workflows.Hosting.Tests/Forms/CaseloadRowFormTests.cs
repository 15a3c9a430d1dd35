using System.Text;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Tests.Forms;

/// <summary>A caseload file's lines turned into the form's request, and what the reader refuses before the form's validation sees a line.</summary>
public sealed class CaseloadRowFormTests
{
    private static readonly string[] Valid =
    [
        "SAG-1", "0751", "Brabrand Boligforening", "out", "Gellerupparken", "",
        "010190-1234", "Karin Testesen", "karin@example.dk", "12345678",
        "Søren Sagsbehandler", "soeren@kommune.example.dk", "tilsyn1@example.dk | tilsyn2@example.dk |",
        "0,25", "200000", "30000,50", "20000", "Indskud og flytning", "2027-03-01",
    ];

    private static CaseloadFileReport Read(string text, bool bom = false) =>
        CaseloadFile.Read((bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text)).AsMemory());

    private static string Line(params (int Column, string Value)[] change)
    {
        var values = Valid.ToArray();
        foreach (var (column, value) in change)
        {
            values[column] = value;
        }

        return string.Join(';', values);
    }

    [Fact]
    public void A_line_becomes_the_forms_request_with_danish_numbers_and_the_supervisors_split()
    {
        var file = Read(CaseloadFile.Header + "\r\n" + Line() + "\r\n", bom: true);

        Assert.False(file.Refused);
        Assert.Empty(file.Errors);
        var line = Assert.Single(file.Lines);
        Assert.Equal(2, line.Line);
        var (reference, request, errors) = CaseloadRowForm.Read(line);

        Assert.True(errors.IsEmpty);
        Assert.Equal("SAG-1", reference);
        Assert.Equal("0751", request.MunicipalityCode);
        Assert.Null(request.ToArea);
        Assert.Equal(new ResidentRequest("010190-1234", "Karin Testesen", "karin@example.dk", "12345678"), request.Resident);
        Assert.Equal(["tilsyn1@example.dk", "tilsyn2@example.dk"], request.Supervisors!);
        Assert.Equal(new BaselineRequest(0.25m, 200000m, 30000.50m), request.Baseline);
        Assert.Equal(new FinancingRequest(20000m, "Indskud og flytning"), request.Financing);
        Assert.Equal("2027-03-01", request.PlannedMoveDate);
        Assert.Null(request.Policy);

        // The form's own validation accepts it.
        var validation = new ValidationErrors();
        Assert.NotNull(RequestValidation.Validate(request, new DateOnly(2027, 1, 1), validation));
        Assert.True(validation.IsEmpty);
    }

    [Theory]
    [InlineData("200.000")]
    [InlineData("200000.5")]
    [InlineData("1e5")]
    [InlineData("to hundrede")]
    public void A_number_not_written_as_in_register_extracts_is_an_error_on_its_column(string text)
    {
        var (_, request, errors) = CaseloadRowForm.Read(Read(CaseloadFile.Header + "\n" + Line((14, text))).Lines[0]);

        Assert.Null(request.Baseline!.ResourceDrawDkk);
        Assert.Equal([CaseloadFile.NumberFormat], errors.ToDictionary()["baseline.resourceDrawDkk"]);
    }

    [Fact]
    public void The_commands_errors_name_the_files_columns_and_a_field_the_reader_refused_is_not_also_required()
    {
        var (_, request, parsed) = CaseloadRowForm.Read(Read(CaseloadFile.Header + "\n" + Line((14, "x"), (6, "3102901234"), (12, "a@example.dk|nej"))).Lines[0]);
        var command = new ValidationErrors();
        Assert.Null(RequestValidation.Validate(request, new DateOnly(2027, 1, 1), command));

        var errors = CaseloadRowForm.Errors(parsed, command);

        Assert.Equal(
            [
                ("resident.cpr", Messages.CprDate),
                ("supervisors", "Niveau 2: " + Messages.Email),
                ("baseline.resourceDrawDkk", CaseloadFile.NumberFormat),
            ],
            errors);
    }

    [Fact]
    public void A_missing_reference_is_an_error_on_its_column()
    {
        var (reference, _, errors) = CaseloadRowForm.Read(Read(CaseloadFile.Header + "\n" + Line((0, "  "))).Lines[0]);

        Assert.Null(reference);
        Assert.Equal([Messages.Required], errors.ToDictionary()[CaseloadFile.ReferenceColumn]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void An_empty_file_is_refused(string text)
    {
        var file = Read(text);

        Assert.True(file.Refused);
        Assert.Equal(CaseloadFile.EmptyFile, Assert.Single(file.Errors).Message);
    }

    [Fact]
    public void A_file_with_only_the_header_is_refused_as_empty_and_another_header_as_unknown()
    {
        Assert.Equal(CaseloadFile.EmptyFile, Assert.Single(Read(CaseloadFile.Header + "\n").Errors).Message);
        var other = Read("cpr;periodStart\n0101901234;2027-01-01\n");
        Assert.True(other.Refused);
        Assert.Equal((1, CaseloadFile.UnknownHeader), (other.Errors[0].Line, other.Errors[0].Message));
        Assert.DoesNotContain("0101901234", other.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_of_the_wrong_shape_are_reported_by_line_and_the_others_read_with_blank_lines_skipped()
    {
        var file = Read(string.Join("\n", CaseloadFile.Header, Line(), "", "kun;tre;felter", Line((0, "SAG-3"), (7, new string('x', 8001))), "\"SAG-2;" + Line()[6..]));

        Assert.False(file.Refused);
        Assert.Equal(4, file.RowsRead);
        Assert.Equal([2], file.Lines.Select(line => line.Line));
        Assert.Equal(
            [(4, "Linjen har 3 felter, men overskriften har 19."), (5, CaseloadFile.LineTooLong)],
            file.Errors.Where(error => error.Line != 6).Select(error => (error.Line, error.Message)));
        Assert.Contains(file.Errors, error => error.Line == 6 && error.Field is null);
    }
}
