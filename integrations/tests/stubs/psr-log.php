<?php

declare(strict_types=1);

/* PSR-3's logger interface, which Shopware and Magento hand to the plugins. */

namespace Psr\Log;

interface LoggerInterface
{
    public function warning(string|\Stringable $message, array $context = []): void;
}
