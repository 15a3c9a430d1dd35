using System.Text;
using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;

namespace Mobilitet.Workflows.Hosting.Tests.Http;

public sealed class JsonBodyTests
{
    private static HttpRequest Request(string body, bool announceLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = announceLength ? bytes.Length : null;
        return context.Request;
    }

    [Fact]
    public async Task A_wrong_type_is_an_error_on_its_field()
    {
        var (value, errors) = await JsonBody.ReadAsync<MeasurementRequest>(Request("{\"milestone\":\"M3\",\"taxPaidDkk\":\"lots\"}"), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Værdien har en forkert type."], errors.ToDictionary()["taxPaidDkk"]);
    }

    [Fact]
    public async Task An_unknown_field_is_named()
    {
        var (_, errors) = await JsonBody.ReadAsync<ConsentRequest>(Request("{\"decision\":\"given\",\"extra\":1}"), CancellationToken.None);

        Assert.Equal(["Feltet er ukendt."], errors.ToDictionary()["extra"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_even_without_a_content_length()
    {
        var (value, errors) = await JsonBody.ReadAsync<ConsentRequest>(Request("{\"decision\":\"" + new string('x', JsonBody.MaxBytes) + "\"}", announceLength: false), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Forespørgslen er for stor (højst 64 KB)."], errors.ToDictionary()["body"]);
    }

    [Fact]
    public async Task A_valid_body_is_read()
    {
        var (value, errors) = await JsonBody.ReadAsync<MoveRequest>(Request("{\"movedOn\":\"2027-01-15\",\"toArea\":\"Viby\"}"), CancellationToken.None);

        Assert.True(errors.IsEmpty);
        Assert.Equal(new MoveRequest("2027-01-15", "Viby"), value);
    }

    public static TheoryData<string, string> DuplicateFields => new()
    {
        { "{\"decision\":\"given\",\"decision\":\"declined\"}", "decision" },
        { "{\"decision\":\"given\",\"DECISION\":\"declined\"}", "decision" },
        { "{\"decision\":\"given\",\"Decision\":\"declined\"}", "decision" },
        { "{\"decision\":\"given\",\"d\\u0065cision\":\"declined\"}", "decision" }, // the same name, escaped
    };

    [Theory]
    [MemberData(nameof(DuplicateFields))]
    public async Task A_field_given_twice_is_an_error_on_that_field_and_nothing_is_read(string json, string field)
    {
        var (value, errors) = await JsonBody.ReadAsync<ConsentRequest>(Request(json), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Feltet står flere gange."], errors.ToDictionary()[field]);
    }

    [Fact]
    public async Task A_municipality_code_given_twice_in_different_letter_case_is_refused()
    {
        var json = """{"municipalityCode":"9999","MUNICIPALITYCODE":"0751","resident":{"cpr":"0101901234"}}""";

        var (value, errors) = await JsonBody.ReadAsync<CreateAgreementRequest>(Request(json), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Feltet står flere gange."], errors.ToDictionary()["municipalityCode"]);
    }

    [Theory]
    [InlineData("""{"resident":{"cpr":"0101901234","name":"A","Cpr":"0202901234"}}""", "resident.cpr")]
    [InlineData("""{"resident":{"cpr":"1"},"resident":{"cpr":"2"}}""", "resident")]
    [InlineData("""{"financing":{"requestedDkk":1,"purpose":"a","PURPOSE":"b"}}""", "financing.purpose")]
    [InlineData("""{"supervisors":["a@example.dk"],"supervisors":["b@example.dk"]}""", "supervisors")]
    public async Task A_nested_field_given_twice_is_named_by_its_path(string json, string field)
    {
        var (value, errors) = await JsonBody.ReadAsync<CreateAgreementRequest>(Request(json), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Feltet står flere gange."], errors.ToDictionary()[field]);
    }

    [Fact]
    public async Task The_same_name_in_different_objects_is_not_a_duplicate()
    {
        var json = """{"resident":{"name":"A","email":"a@example.dk"},"caseworker":{"name":"B","email":"b@example.dk"}}""";

        var (value, errors) = await JsonBody.ReadAsync<CreateAgreementRequest>(Request(json), CancellationToken.None);

        Assert.True(errors.IsEmpty);
        Assert.Equal("A", value!.Resident!.Name);
        Assert.Equal("B", value.Caseworker!.Name);
    }

    [Fact]
    public async Task A_text_with_a_lone_surrogate_is_an_error_on_its_field()
    {
        var (value, errors) = await JsonBody.ReadAsync<MoveRequest>(Request("{\"movedOn\":\"2027-01-15\",\"toArea\":\"Vi\\ud800by\"}"), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Teksten indeholder ugyldige tegn."], errors.ToDictionary()["toArea"]);
    }

    [Fact]
    public async Task A_field_name_with_a_lone_surrogate_is_an_error_on_its_object()
    {
        var (value, errors) = await JsonBody.ReadAsync<CreateAgreementRequest>(Request("{\"resident\":{\"na\\udc00me\":\"A\"}}"), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Teksten indeholder ugyldige tegn."], errors.ToDictionary()["resident"]);
    }

    [Fact]
    public async Task Malformed_json_is_still_reported_as_such()
    {
        var (value, errors) = await JsonBody.ReadAsync<ConsentRequest>(Request("{\"decision\":\"given\",\"decision\""), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Forespørgslen skal være gyldig JSON."], errors.ToDictionary()["body"]);
    }
}
