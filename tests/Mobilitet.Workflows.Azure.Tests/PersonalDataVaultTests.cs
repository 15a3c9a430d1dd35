using Mobilitet.Workflows.Indicators;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class PersonalDataVaultTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private IPersonalDataVault Vault => Get<IPersonalDataVault>();

    private static AgreementPersonalData Parties(string? residentEmail = "beboer@example.dk") => new(
        new Resident("0101901234", "Åse Ørnsø", residentEmail, residentEmail is null ? null : "+45 12 34 56 78"),
        new Caseworker("Karl Sagsbehandler", "karl@kommune.example.dk"),
        ["tilsyn1@kommune.example.dk", "leder@kommune.example.dk", "direktør@kommune.example.dk"],
        "Depositum og flytning \"til\" Valby, 50% af udgiften");

    [Fact]
    public async Task Saved_parties_are_found_with_every_field_and_the_supervisor_order()
    {
        var id = AgreementIds.New();
        var parties = Parties();

        await Vault.SaveAsync(id, parties, None);

        var found = await Vault.FindAsync(id, None);
        Assert.NotNull(found);
        Assert.Equal(parties.SupervisorEmails, found.SupervisorEmails);
        Assert.Equal(parties with { SupervisorEmails = [] }, found with { SupervisorEmails = [] });
    }

    [Fact]
    public async Task Every_value_is_encrypted_in_the_table_parties_reasons_and_notes()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);
        await Vault.SaveStopReasonAsync(id, "Åse er flyttet", None);
        await Vault.SaveEscalationNoteAsync(id, id + "-esc-m3", "Talt med Åse Ørnsø", None);

        var table = Get<global::Azure.Data.Tables.TableServiceClient>().GetTableClient(Azurite.CreateStorageOptions(TablePrefix).TableName(Configuration.StorageNames.PersonalData));
        var rows = new List<global::Azure.Data.Tables.TableEntity>();
        await foreach (var row in table.QueryAsync<global::Azure.Data.Tables.TableEntity>(row => row.PartitionKey == id))
        {
            rows.Add(row);
        }

        var values = rows.SelectMany(row => row.Where(pair => pair.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Select(pair => pair.Value)).ToList();
        Assert.Equal(10, values.Count); // nine of the parties' row (no rejection reason) and the note
        Assert.All(values, value => Assert.StartsWith(Protection.DataProtectionPersonalDataProtector.Marker, Assert.IsType<string>(value), StringComparison.Ordinal));
        Assert.Equal("Talt med Åse Ørnsø", await Vault.FindEscalationNoteAsync(id, id + "-esc-m3", None));
    }

    [Fact]
    public async Task The_inventory_lists_parties_rows_by_their_last_write_and_erases_one_only_while_it_is_unchanged()
    {
        var inventory = Get<IVaultInventory>();
        var changed = AgreementIds.New();
        var orphan = AgreementIds.New();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1); // Azurite's clock is this machine's
        await Vault.SaveAsync(changed, Parties(), None);
        await Vault.SaveAsync(orphan, Parties(), None);
        await Vault.SaveEscalationNoteAsync(orphan, orphan + "-esc-m3", "Talt med Åse Ørnsø", None);
        var before = DateTimeOffset.UtcNow.AddMinutes(1);

        var listed = (await inventory.ListPartiesWrittenAsync(from, before, None)).Where(parties => parties.AgreementId == changed || parties.AgreementId == orphan).ToList();
        Assert.Equal(new[] { changed, orphan }.Order(StringComparer.Ordinal), listed.Select(parties => parties.AgreementId).Order(StringComparer.Ordinal)); // one row each: the note is not listed
        Assert.DoesNotContain(await inventory.ListPartiesWrittenAsync(before, before.AddHours(1), None), parties => parties.AgreementId == orphan);
        Assert.DoesNotContain(await inventory.ListPartiesWrittenAsync(from.AddHours(-1), from, None), parties => parties.AgreementId == orphan);

        // Written since it was listed: nothing is erased.
        await Vault.SaveStopReasonAsync(changed, "Åse er flyttet", None);
        Assert.False(await inventory.EraseIfUnchangedAsync(listed.Single(parties => parties.AgreementId == changed), None));
        Assert.Equal("Åse er flyttet", (await Vault.FindAsync(changed, None))!.StopReason);

        // Unchanged: the parties and the notes go; asked again, it is gone and stays so.
        var unchanged = listed.Single(parties => parties.AgreementId == orphan);
        Assert.True(await inventory.EraseIfUnchangedAsync(unchanged, None));
        Assert.Null(await Vault.FindAsync(orphan, None));
        Assert.Null(await Vault.FindEscalationNoteAsync(orphan, orphan + "-esc-m3", None));
        Assert.True(await inventory.EraseIfUnchangedAsync(unchanged, None));
        Assert.Null(await Vault.FindAsync(orphan, None));
    }

    [Fact]
    public async Task An_erasure_whose_answer_was_lost_still_erases_the_notes()
    {
        var inventory = Get<IVaultInventory>();
        var orphan = AgreementIds.New();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Vault.SaveAsync(orphan, Parties(), None);
        await Vault.SaveEscalationNoteAsync(orphan, orphan + "-esc-m3", "Talt med Åse Ørnsø", None);
        var listed = (await inventory.ListPartiesWrittenAsync(from, DateTimeOffset.UtcNow.AddMinutes(1), None)).Single(parties => parties.AgreementId == orphan);
        var lostAnswer = new LostAnswer();
        var unlucky = new Tables.TablePersonalDataVault(lostAnswer.Tables(Azurite.ConnectionString), Get<Microsoft.Extensions.Options.IOptions<StorageOptions>>(), Get<IPersonalDataProtector>());

        var erased = await unlucky.EraseIfUnchangedAsync(listed, None);

        Assert.Equal(1, lostAnswer.Lost);
        Assert.True(erased); // before: the SDK's retry found the parties row gone (404), and the notes were left behind, no longer listed
        Assert.Null(await Vault.FindAsync(orphan, None));
        Assert.Null(await Vault.FindEscalationNoteAsync(orphan, orphan + "-esc-m3", None));
    }

    [Fact]
    public async Task A_resident_without_contact_details_round_trips_as_nulls()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(residentEmail: null), None);

        var found = await Vault.FindAsync(id, None);

        Assert.Null(found!.Resident.Email);
        Assert.Null(found.Resident.Phone);
        Assert.Null(found.StopReason);
    }

    [Fact]
    public async Task A_stop_reason_is_added_to_the_stored_parties()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);

        await Vault.SaveStopReasonAsync(id, "Beboeren er flyttet til udlandet", None);

        var found = await Vault.FindAsync(id, None);
        Assert.Equal("Beboeren er flyttet til udlandet", found!.StopReason);
        Assert.Equal(Parties().Resident, found.Resident);
    }

    [Fact]
    public async Task A_financing_rejection_reason_is_added_to_the_stored_parties_beside_the_stop_reason()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);

        await Vault.SaveFinancingDecisionReasonAsync(id, "Beboeren har fået indskud fra kommunen", None);
        await Vault.SaveStopReasonAsync(id, "Aftalen er stoppet", None);

        var found = await Vault.FindAsync(id, None);
        Assert.Equal("Beboeren har fået indskud fra kommunen", found!.FinancingDecisionReason);
        Assert.Equal("Aftalen er stoppet", found.StopReason);
        Assert.Equal(Parties().Resident, found.Resident);
    }

    [Fact]
    public async Task A_financing_rejection_reason_does_not_bring_back_erased_data()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);
        await Vault.EraseAsync(id, None);

        await Vault.SaveFinancingDecisionReasonAsync(id, "Afvist", None);

        Assert.Null(await Vault.FindAsync(id, None));
    }

    [Fact]
    public async Task A_stop_reason_does_not_bring_back_erased_data()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);
        await Vault.EraseAsync(id, None);

        await Vault.SaveStopReasonAsync(id, "Beboeren trak samtykket tilbage", None);

        Assert.Null(await Vault.FindAsync(id, None));
    }

    [Fact]
    public async Task Erase_removes_the_agreements_data_only_and_can_run_again()
    {
        var id = AgreementIds.New();
        var other = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);
        await Vault.SaveAsync(other, Parties(), None);

        await Vault.EraseAsync(id, None);
        await Vault.EraseAsync(id, None);

        Assert.Null(await Vault.FindAsync(id, None));
        Assert.Equal(Parties().Resident, (await Vault.FindAsync(other, None))!.Resident);
    }

    [Fact]
    public async Task An_escalation_note_is_kept_per_escalation_and_erased_with_the_agreement()
    {
        var id = AgreementIds.New();
        var other = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);
        await Vault.SaveAsync(other, Parties(), None);
        var financing = $"{id}-esc-financing";
        var move = $"{id}-esc-move";

        await Vault.SaveEscalationNoteAsync(id, financing, "Naboen Jens Hansen har ringet.\nOpfølgning aftalt.", None);
        await Vault.SaveEscalationNoteAsync(other, $"{other}-esc-financing", "En anden aftales note", None);

        Assert.Equal("Naboen Jens Hansen har ringet.\nOpfølgning aftalt.", await Vault.FindEscalationNoteAsync(id, financing, None));
        Assert.Null(await Vault.FindEscalationNoteAsync(id, move, None));

        await Vault.EraseAsync(id, None);

        Assert.Null(await Vault.FindEscalationNoteAsync(id, financing, None));
        Assert.Null(await Vault.FindAsync(id, None));
        Assert.Equal("En anden aftales note", await Vault.FindEscalationNoteAsync(other, $"{other}-esc-financing", None));
    }

    [Fact]
    public async Task An_escalation_note_does_not_bring_back_erased_data()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);
        await Vault.EraseAsync(id, None);

        await Vault.SaveEscalationNoteAsync(id, $"{id}-esc-move", "For sent", None);

        Assert.Null(await Vault.FindEscalationNoteAsync(id, $"{id}-esc-move", None));
    }

    [Fact]
    public async Task Saving_again_replaces_the_parties()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);

        var changed = Parties(residentEmail: null) with { SupervisorEmails = ["ny@kommune.example.dk"] };
        await Vault.SaveAsync(id, changed, None);

        var found = await Vault.FindAsync(id, None);
        Assert.Equal(["ny@kommune.example.dk"], found!.SupervisorEmails);
        Assert.Null(found.Resident.Email);
    }

    [Fact]
    public async Task A_residents_comment_is_kept_in_the_vault_and_not_once_the_personal_data_is_erased()
    {
        var id = AgreementIds.New();
        await Vault.SaveAsync(id, Parties(), None);

        await Vault.SaveCheckInCommentAsync(id, Milestone.M3, "Naboerne er søde. <b>Tak</b>", None);

        Assert.Equal("Naboerne er søde. <b>Tak</b>", await Vault.FindCheckInCommentAsync(id, Milestone.M3, None));
        Assert.Null(await Vault.FindCheckInCommentAsync(id, Milestone.M12, None));
        await Vault.EraseAsync(id, None);
        await Vault.SaveCheckInCommentAsync(id, Milestone.M12, "Efter sletningen", None);
        Assert.Null(await Vault.FindCheckInCommentAsync(id, Milestone.M3, None));
        Assert.Null(await Vault.FindCheckInCommentAsync(id, Milestone.M12, None));
    }
}
