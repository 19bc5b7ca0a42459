<?php

declare(strict_types=1);

use Magento\Framework\Component\ComponentRegistrar;

ComponentRegistrar::register(ComponentRegistrar::MODULE, 'Thankyou_Embed', __DIR__);

// The installable zip carries the shared library in lib/ (integrations/build.py
// puts it there); an application that loaded it already keeps its copy.
if (!class_exists(\Thankyou\Common\Embed::class)) {
    require_once __DIR__ . '/lib/thankyou-common/autoload.php';
}
