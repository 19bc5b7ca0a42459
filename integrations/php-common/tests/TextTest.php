<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\Text;

final class TextTest extends TestCase
{
    public function testTextIsTrimmedOfUnicodeSpaceAsTheServerStripsIt(): void
    {
        $this->assertSame('Anna', Text::clean("\u{00a0} Anna\u{3000}\n", 100));
        $this->assertNull(Text::clean("\u{2003}\t", 100));
    }

    public function testTextIsCutToItsLengthInCharactersNotBytes(): void
    {
        $name = str_repeat('ü', 150);
        $this->assertSame(str_repeat('ü', 100), Text::clean($name, 100));
    }

    public function testNulCharactersAndBrokenUtf8AreRepaired(): void
    {
        $this->assertSame('Kaffee', Text::clean("Kaf\0fee", 100));
        $this->assertSame("Caf\u{fffd}", Text::clean("Caf\xe9", 100), 'Latin-1 é is no UTF-8');
        $this->assertSame("Cut \u{fffd}", Text::clean("Cut \xc3", 100), 'half a character');
    }

    public function testIntegersBecomeTextOtherTypesNothing(): void
    {
        $this->assertSame('1001', Text::clean(1001, 100));
        $this->assertNull(Text::clean(['a'], 100));
        $this->assertNull(Text::clean(1.5, 100));
        $this->assertNull(Text::clean(null, 100));
    }

    public function testLocalesTakeADash(): void
    {
        $this->assertSame('de-DE', Text::locale('de_DE'));
        $this->assertSame('en-GB', Text::locale('en-GB'));
        $this->assertSame('de-DE-formal', Text::locale('de_DE_formal'), "WordPress's formal German");
        $this->assertNull(Text::locale('deutsch!'));
        $this->assertNull(Text::locale(''));
    }

    public function testCountriesAndCurrenciesAreCodesInCapitals(): void
    {
        $this->assertSame('DE', Text::country('de'));
        $this->assertNull(Text::country('DEU'));
        $this->assertSame('EUR', Text::currency('eur'));
        $this->assertNull(Text::currency('€'));
    }

    /** @dataProvider emails */
    public function testEmailAddressesTheServerWouldRefuseAreLeftOut(string $email, bool $kept): void
    {
        $this->assertSame($kept ? $email : null, Text::email($email));
    }

    public function emails(): array
    {
        return [
            ['anna@example.com', true],
            ['anna.m+shop@sub.example.co.uk', true],
            ["o'brien@example.ie", true],
            ['anna@münchen.de', true],
            ['anna@localhost', true],
            ['anna@example', false],
            ['anna@-example.com', false],
            ['anna@example.c', false],
            ['änna@example.com', false],
            ['"anna smith"@example.com', false],
            ['anna@[192.168.0.1]', false],
            ['anna..m@example.com', false],
            ['anna', false],
            [str_repeat('a', 250) . '@example.com', false],
        ];
    }
}
