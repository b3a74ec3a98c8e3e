package dev.chatd.common.command;

import dev.chatd.common.command.Command.Blank;
import dev.chatd.common.command.Command.Help;
import dev.chatd.common.command.Command.Join;
import dev.chatd.common.command.Command.Json;
import dev.chatd.common.command.Command.Me;
import dev.chatd.common.command.Command.Msg;
import dev.chatd.common.command.Command.Nick;
import dev.chatd.common.command.Command.Quit;
import dev.chatd.common.command.Command.Rooms;
import dev.chatd.common.command.Command.Say;
import dev.chatd.common.command.Command.Text;
import dev.chatd.common.command.Command.Unknown;
import dev.chatd.common.command.Command.Usage;
import dev.chatd.common.command.Command.Who;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.chatd.common.command.CommandParser.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandParserTest {

    @Test
    void emptyLineIsBlank() {
        assertEquals(new Blank(), parse(""));
        assertEquals(new Blank(), parse(" \u3000 "));
    }

    @Test
    void plainLineIsSaidAsItIs() {
        assertEquals(new Say("hello there"), parse("hello there"));
        assertEquals(new Say("a / b"), parse("a / b"));
        assertEquals(new Say("me /me"), parse("me /me"));
    }

    @Test
    void doubleSlashLosesOnlyOneSlash() {
        assertEquals(new Say("/etc"), parse("//etc"));
        assertEquals(new Say("//etc"), parse("///etc"));
        assertEquals(new Say("/"), parse("//"));
        assertEquals(new Say("/me is not a command here"), parse("//me is not a command here"));
    }

    @Test
    void me() {
        assertEquals(new Me("waves"), parse("/me waves"));
        assertEquals(new Me("waves at  bob"), parse("/me   waves at  bob"));
        assertEquals(new Me("waves"), parse("/me\u3000waves"));
    }

    @Test
    void msgTakesOneWordAsTargetAndTheRestAsText() {
        assertEquals(new Msg("bob", "hi"), parse("/msg bob hi"));
        assertEquals(new Msg("bob", "hi  there"), parse("/MSG bob   hi  there"));
        assertEquals(new Msg("bob", "hi"), parse("/msg\u00A0bob\u2003hi"));
        assertEquals(new Msg("Bob", "/quit"), parse("/msg Bob /quit"));
    }

    @Test
    void nickAndJoinTakeTheWholeRest() {
        assertEquals(new Nick("alicia"), parse("/nick alicia"));
        assertEquals(new Nick("a b"), parse("/nick a b"));
        assertEquals(new Join("dev"), parse("/join dev"));
        assertEquals(new Join("#dev"), parse("/join   #dev"));
        assertEquals(new Join("#dev x"), parse("/join #dev x"));
    }

    @Test
    void commandsWithoutArgumentsIgnoreExtraWords() {
        assertEquals(new Who(), parse("/who"));
        assertEquals(new Who(), parse("/who is there"));
        assertEquals(new Rooms(), parse("/rooms"));
        assertEquals(new Rooms(), parse("/rooms all"));
        assertEquals(new Help(), parse("/help"));
        assertEquals(new Help(), parse("/help me"));
        assertEquals(new Json(), parse("/json"));
        assertEquals(new Json(), parse("/json please"));
        assertEquals(new Text(), parse("/text"));
        assertEquals(new Text(), parse("/text now"));
        assertEquals(new Quit(), parse("/quit"));
        assertEquals(new Quit(), parse("/quit bye all"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/WHO", "/Who", "/wHo"})
    void commandWordsIgnoreCase(String line) {
        assertEquals(new Who(), parse(line));
    }

    @Test
    void everyCommandWordIgnoresCase() {
        assertEquals(new Me("x"), parse("/ME x"));
        assertEquals(new Msg("b", "x"), parse("/Msg b x"));
        assertEquals(new Nick("x"), parse("/NICK x"));
        assertEquals(new Join("x"), parse("/JoIn x"));
        assertEquals(new Rooms(), parse("/ROOMS"));
        assertEquals(new Help(), parse("/HELP"));
        assertEquals(new Json(), parse("/JSON"));
        assertEquals(new Text(), parse("/Text"));
        assertEquals(new Quit(), parse("/QUIT"));
    }

    @Test
    void onlyAsciiLettersAreFoldedInCommandWords() {
        // U+212A KELVIN SIGN lower-cases to 'k' under Locale.ROOT; it must not spell /nick.
        assertEquals(new Unknown("/nic\u212A"), parse("/nic\u212A bob"));
        assertEquals(new Unknown("/jo\u0130n"), parse("/jo\u0130n dev"));
    }

    @Test
    void unknownCommandKeepsTheWordAsTyped() {
        assertEquals(new Unknown("/anything-else"), parse("/anything-else args"));
        assertEquals(new Unknown("/Frob"), parse("/Frob"));
        assertEquals(new Unknown("/"), parse("/"));
        assertEquals(new Unknown("/"), parse("/ me"));
        assertEquals(new Unknown("/whois"), parse("/whois bob"));
        assertEquals(new Unknown("/me:"), parse("/me: hi"));
    }

    @Test
    void missingArgumentsGiveTheUsageLine() {
        assertEquals(new Usage("usage: /me <action>"), parse("/me"));
        assertEquals(new Usage("usage: /me <action>"), parse("/ME \u3000 "));
        assertEquals(new Usage("usage: /msg <user> <text>"), parse("/msg"));
        assertEquals(new Usage("usage: /msg <user> <text>"), parse("/msg bob"));
        assertEquals(new Usage("usage: /msg <user> <text>"), parse("/msg bob \u00A0"));
        assertEquals(new Usage("usage: /nick <name>"), parse("/nick"));
        assertEquals(new Usage("usage: /join <room>"), parse("/join"));
        assertEquals(new Usage("usage: /join <room>"), parse("/Join   "));
    }

    @Test
    void usageConstantsAreTheProtocolTexts() {
        assertEquals("usage: /me <action>", CommandParser.USAGE_ME);
        assertEquals("usage: /msg <user> <text>", CommandParser.USAGE_MSG);
        assertEquals("usage: /nick <name>", CommandParser.USAGE_NICK);
        assertEquals("usage: /join <room>", CommandParser.USAGE_JOIN);
        assertEquals("usage: /history [count]", CommandParser.USAGE_HISTORY);
    }

    @Test
    void historyTakesAnOptionalPositiveCount() {
        assertEquals(new Command.History(20), CommandParser.parse("/history"));
        assertEquals(new Command.History(5), CommandParser.parse("/HISTORY 5"));
        assertEquals(new Command.History(7), CommandParser.parse("/history 007"));
        assertEquals(new Command.History(Integer.MAX_VALUE), CommandParser.parse("/history 99999999999999"));
        for (String bad : new String[] {"/history x", "/history 0", "/history 000", "/history -3", "/history +3",
                "/history 5 6", "/history 1.5", "/history \u0665"}) {
            assertEquals(new Command.Usage(CommandParser.USAGE_HISTORY), CommandParser.parse(bad), bad);
        }
    }

    @Test
    void helpCoversEveryCommandOnceAndCannotBeChanged() {
        Set<String> words = CommandParser.HELP_LINES.stream()
                .map(line -> line.split(" ", 2)[0])
                .collect(Collectors.toSet());
        assertEquals(Set.of("/me", "/msg", "/nick", "/join", "/who", "/rooms", "/history", "/help", "/json", "/text",
                "/quit", "//text"), words);
        assertEquals(words.size(), CommandParser.HELP_LINES.size());
        for (String line : CommandParser.HELP_LINES) {
            assertTrue(line.contains(" - "), line);
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7F), line);
        }
        List<String> lines = CommandParser.HELP_LINES;
        assertThrows(UnsupportedOperationException.class, () -> lines.add("x"));
    }

    @Test
    void helpWordsParseAsTheCommandsTheyDescribe() {
        for (String line : CommandParser.HELP_LINES) {
            String word = line.split(" ", 2)[0];
            assertTrue(!(parse(word) instanceof Unknown), word);
        }
    }
}
