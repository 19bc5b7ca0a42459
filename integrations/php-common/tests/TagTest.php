<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\Tag;

final class TagTest extends TestCase
{
    public function testTheTagLoadsTheEmbedScriptWithTheToken(): void
    {
        $this->assertSame(
            '<script async src="https://thankyou.example/embed/v1.js" data-token="a.b.c"></script>',
            Tag::script('https://thankyou.example/', 'a.b.c')
        );
    }

    public function testEveryAttributeIsEscaped(): void
    {
        $html = Tag::script('https://thankyou.example/x"onload="alert(1)', 'a"><script>alert(1)</script>', [
            'nonce' => "n'1\"",
        ]);
        $this->assertSame(
            '<script async src="https://thankyou.example/x&quot;onload=&quot;alert(1)/embed/v1.js"'
            . ' data-token="a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'
            . ' nonce="n&apos;1&quot;"></script>',
            $html
        );
    }

    public function testTheNonceIsOptional(): void
    {
        $this->assertSame(
            '<script async src="https://thankyou.example/embed/v1.js" data-token="t" nonce="r4nd0m"></script>',
            Tag::script('https://thankyou.example', 't', ['nonce' => 'r4nd0m'])
        );
        $this->assertSame(
            '<script async src="https://thankyou.example/embed/v1.js" data-token="t"></script>',
            Tag::script('https://thankyou.example', 't', ['nonce' => ''])
        );
    }
}
