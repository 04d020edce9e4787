{-# LANGUAGE OverloadedStrings #-}
-- | Word frequencies from standard input.
module Main (main) where

import qualified Data.Map.Strict as Map
import Data.Char (isAlpha, toLower)
import Data.List (sortBy)
import Data.Ord (comparing, Down (..))

data Entry = Entry
  { word  :: String
  , count :: !Int
  } deriving (Show, Eq)

newtype Limit = Limit Int

tokenize :: String -> [String]
tokenize = words . map normalise
  where
    normalise c
      | isAlpha c = toLower c
      | otherwise = ' '

frequencies :: [String] -> Map.Map String Int
frequencies = foldr (\w -> Map.insertWith (+) w 1) Map.empty

top :: Limit -> Map.Map String Int -> [Entry]
top (Limit n) m = take n [Entry w c | (w, c) <- sortBy (comparing (Down . snd)) (Map.toList m)]

main :: IO ()
main = do
  input <- getContents
  let entries = top (Limit 10) (frequencies (tokenize input))
  mapM_ (\e -> putStrLn (word e ++ ": " ++ show (count e))) entries
  case entries of
    [] -> putStrLn "no words\n"
    (x:_) -> print (x, 'a', 3.5e-2, 0x1F)
