<?php

declare(strict_types=1);

namespace Thankyou\Embed\Model;

use Magento\Catalog\Api\CategoryRepositoryInterface;
use Magento\Framework\Exception\NoSuchEntityException;
use Magento\Sales\Model\Order;
use Magento\Sales\Model\Order\Item;
use Thankyou\Common\History;

/**
 * A Magento order and its customer as the shared library's neutral arrays,
 * read through the order's getters.
 */
class OrderMapper
{
    public function __construct(
        private readonly HistorySource $history,
        private readonly CategoryRepositoryInterface $categoryRepository
    ) {
    }

    /**
     * The order and the customer for Claims::build. Items are the visible
     * ones (a configurable product once, not with its chosen simple one),
     * priced per unit with tax; the category is the name of the product's
     * first one in the order's store view.
     *
     * @return array{0: array<string, mixed>, 1: array<string, mixed>}
     */
    public function map(Order $order): array
    {
        $items = [];
        foreach ($order->getAllVisibleItems() as $item) {
            $items[] = [
                'sku' => $item->getSku(),
                'name' => $item->getName(),
                'category' => $this->category($item, (int) $order->getStoreId()),
                'quantity' => $item->getQtyOrdered(),
                'price' => $item->getPriceInclTax(),
            ];
        }
        $data = [
            'id' => $order->getEntityId(),
            'number' => $order->getIncrementId(),
            // Magento stores it in UTC as "Y-m-d H:i:s", as Claims reads such strings.
            'created_at' => $order->getCreatedAt(),
            'currency' => $order->getOrderCurrencyCode(),
            'total' => $order->getGrandTotal(),
            'items' => $items,
            'shipping' => [
                'country' => $order->getShippingAddress()?->getCountryId(),
                'method' => $order->getShippingDescription(),
            ],
        ];
        $customer = [
            'id' => $order->getCustomerId(),
            'first_name' => $order->getCustomerFirstname(),
            'email' => $order->getCustomerEmail(),
            'is_guest' => (bool) $order->getCustomerIsGuest(),
            'newsletter' => $this->history->isSubscribed($order),
        ] + History::summarise($this->history->pastOrders($order), $data);

        return [$data, $customer];
    }

    private function category(Item $item, int $storeId): ?string
    {
        foreach ($item->getProduct()?->getCategoryIds() ?? [] as $categoryId) {
            try {
                return $this->categoryRepository->get((int) $categoryId, $storeId)->getName();
            } catch (NoSuchEntityException) {
                continue;
            }
        }

        return null;
    }
}
